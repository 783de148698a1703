package io.selvedge.store.sqlite;

import static io.selvedge.store.TestResources.gns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreContractTest;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.RecordingListener;
import io.selvedge.store.RecordingListener.Events;
import io.selvedge.store.RecordingListener.Resync;
import io.selvedge.store.TestResources;
import io.selvedge.store.UnavailableException;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite on a real SQLite file, plus what only SQLite has. */
class SqliteDatastoreTest extends DatastoreContractTest {
  /** Defaults (so automatic compaction stays out of the contract tests' way). */
  private static final SqliteOptions OPTIONS = SqliteOptions.defaults();

  @TempDir
  Path dir;
  private Path file;

  @Override
  protected Datastore newDatastore() {
    file = dir.resolve("state/selvedge.db");
    return SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS);
  }

  @Override
  protected Datastore connectAgain() {
    return SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS);
  }

  @Override
  protected String childProcessUrl() {
    return "sqlite:" + file;
  }

  @Override
  protected void compact(Datastore datastore, long revision) {
    ((SqliteDatastore) datastore).compact(revision);
  }

  private SqliteDatastore open(SqliteOptions options) {
    return closeLater(SqliteDatastore.open(DatastoreUrl.sqlite(file), options));
  }

  private static String query(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(Path db, String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  // -- the file -----------------------------------------------------------------------------

  @Test
  void theFileIsAVersionedWalDatabaseInACreatedDirectory() throws Exception {
    ds.create(gns("a", "10.0.0.1/32"));
    assertThat(file).exists();
    assertThat(query(file, "PRAGMA journal_mode")).isEqualTo("wal");
    assertThat(query(file, "PRAGMA user_version")).isEqualTo(Integer.toString(SqliteSchema.CURRENT_VERSION));
    assertThat(Integer.parseInt(query(file, "PRAGMA application_id"))).isEqualTo(SqliteSchema.APPLICATION_ID);
    assertThat(query(file, "PRAGMA integrity_check")).isEqualTo("ok");
  }

  @Test
  void dataSurvivesReopening() {
    var a = ds.create(gns("a", "10.0.0.1/32"));
    long rev = ds.currentRevision();
    ds.close();
    ds = SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS);
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "a")).contains(a);
    assertThat(ds.currentRevision()).isEqualTo(rev);
  }

  @Test
  void storedJsonIsTheCodecsJsonWithoutResourceVersion() throws Exception {
    var a = ds.create(io.selvedge.store.TestResources.gnp("p", 10, "role == 'x'"));
    String json = query(file, "SELECT json FROM resources WHERE name = 'p'");
    assertThat(json).contains("\"uid\": \"" + a.metadata().uid() + "\"").doesNotContain("resourceVersion");
    var withoutVersion = io.selvedge.store.TestResources.withVersion(a, null);
    assertThat(json).isEqualTo(io.selvedge.codec.ResourceCodec.strict().toJson(withoutVersion));
  }

  // -- refusing files it cannot use ---------------------------------------------------------

  @Test
  void aDirectoryIsRefused() {
    DatastoreUrl url = DatastoreUrl.sqlite(dir);
    assertThatThrownBy(() -> SqliteDatastore.open(url, OPTIONS))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("sqlite:" + dir + ": cannot open: it is a directory");
  }

  @Test
  void aFileThatIsNotADatabaseIsRefused() throws Exception {
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a database, it is a text file that is long enough ".repeat(20));
    assertThatThrownBy(() -> SqliteDatastore.open(DatastoreUrl.sqlite(junk), OPTIONS))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("sqlite:" + junk + ": cannot open: the file is not a SQLite database");
  }

  @Test
  void anotherApplicationsDatabaseIsRefused() throws Exception {
    Path other = dir.resolve("other.db");
    execute(other, "CREATE TABLE t (x)");
    assertThatThrownBy(() -> SqliteDatastore.open(DatastoreUrl.sqlite(other), OPTIONS))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("it is not a selvedge datastore");
  }

  @Test
  void aNewerSchemaIsRefusedWithAnUpgradeHint() throws Exception {
    ds.close();
    execute(file, "PRAGMA user_version = 99");
    assertThatThrownBy(() -> SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("sqlite:" + file + ": cannot open: its schema version 99 is newer than this selvedge"
            + " understands (" + SqliteSchema.CURRENT_VERSION + "); upgrade selvedge");
    ds = SqliteDatastore.open(DatastoreUrl.sqlite(dir.resolve("fresh.db")), OPTIONS);
  }

  @Test
  void aVersion1FileGainsTheNodeStatusTableOnOpenAndKeepsItsResources() throws Exception {
    ds.create(io.selvedge.store.TestResources.gns("kept", "192.0.2.1/32"));
    ds.close();
    execute(file, "DROP TABLE node_status", "DROP TABLE nets_deltas", "PRAGMA user_version = 1");   // as version 1 made it
    ds = SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS);
    assertThat(query(file, "PRAGMA user_version")).isEqualTo("2");
    assertThat(ds.listNodeStatus()).isEmpty();
    ds.reportNodeStatus(new io.selvedge.store.NodeStatus("host1", java.time.Instant.EPOCH, 1, true, "", "v"));
    assertThat(ds.listNodeStatus()).hasSize(1);
    assertThat(ds.get(io.selvedge.model.Kind.GLOBAL_NETWORK_SET, null, "kept")).isPresent();
  }

  @Test
  void anUnwritableDirectoryIsRefusedWithPermissionDenied() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root may write anywhere");
    Path locked = dir.resolve("locked");
    Files.createDirectory(locked);
    locked.toFile().setWritable(false);
    try {
      assertThatThrownBy(() -> SqliteDatastore.open(DatastoreUrl.sqlite(locked.resolve("x.db")), OPTIONS))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("cannot open: permission denied");
    } finally {
      locked.toFile().setWritable(true);
    }
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsRefused() throws Exception {
    Path plainFile = dir.resolve("plain");
    Files.writeString(plainFile, "x");
    assertThatThrownBy(() -> SqliteDatastore.open(DatastoreUrl.sqlite(plainFile.resolve("sub/x.db")), OPTIONS))
        .isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith("sqlite:" + plainFile.resolve("sub/x.db") + ": cannot create directory");
  }

  @Test
  void aWriterWaitsForAnotherThenGivesUpAsUnavailable() throws Exception {
    SqliteDatastore impatient = open(OPTIONS.withBusyTimeout(Duration.ofMillis(200)));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE"); // another process holding the write lock
      assertThatThrownBy(() -> impatient.create(gns("a", "10.0.0.1/32")))
          .isInstanceOf(UnavailableException.class)
          .hasMessage("sqlite:" + file + ": cannot write: the database is locked by another process"
              + " (waited 0.2 s); try again");
      // Readers are not blocked by a writer (WAL).
      assertThat(impatient.list(Kind.GLOBAL_NETWORK_SET, null, null)).isEmpty();
      st.execute("ROLLBACK");
    }
    impatient.create(gns("a", "10.0.0.1/32"));
  }

  // -- compaction ---------------------------------------------------------------------------

  @Test
  void historyIsCompactedToTheLastRevisionsAndOlderWatchersResync() {
    SqliteDatastore small = open(OPTIONS.withRetention(5, Long.MAX_VALUE, Duration.ZERO));
    for (int i = 0; i < 20; i++) {
      small.apply(gns("s", "10.0.0." + i + "/32"));
    }
    long rev = small.currentRevision();
    assertThat(small.compactedRevision()).isEqualTo(rev - 5);

    RecordingListener tooOld = new RecordingListener();
    closeLater(small.watch(rev - 6, tooOld));
    assertThat(tooOld.next(Resync.class).compacted()).isEqualTo(rev - 5);

    RecordingListener justInTime = new RecordingListener();
    closeLater(small.watch(rev - 5, justInTime));
    assertThat(justInTime.eventsThrough(rev)).hasSize(5);
  }

  @Test
  void historyIsCompactedBySize() {
    SqliteOptions options = OPTIONS.withRetention(1_000_000, 20_000, Duration.ZERO);
    SqliteDatastore small = open(options);
    List<String> nets = io.selvedge.store.TestResources.cidrs(300); // ~5 kB of JSON per write
    for (int i = 0; i < 20; i++) {
      small.apply(new io.selvedge.model.GlobalNetworkSet(io.selvedge.model.ObjectMeta.named("s"),
          new io.selvedge.model.NetworkSetSpec(nets.subList(i, nets.size()))));
    }
    long rev = small.currentRevision();
    assertThat(small.compactedRevision()).isBetween(rev - 5, rev - 2);
  }

  @Test
  void youngHistoryIsNeverCompacted() {
    SqliteDatastore small = open(OPTIONS.withRetention(1, 0, Duration.ofHours(1)));
    long first = small.currentRevision();
    for (int i = 0; i < 10; i++) {
      small.apply(gns("s", "10.0.0." + i + "/32"));
    }
    assertThat(small.compactedRevision()).isEqualTo(first);
  }

  @Test
  void theLatestWriteIsAlwaysKept() {
    SqliteDatastore small = open(OPTIONS.withRetention(1, 0, Duration.ZERO));
    for (int i = 0; i < 10; i++) {
      small.apply(gns("s", "10.0.0." + i + "/32"));
    }
    assertThat(small.compactedRevision()).isEqualTo(small.currentRevision() - 1);
    RecordingListener l = new RecordingListener();
    closeLater(small.watch(small.currentRevision() - 1, l));
    assertThat(l.next(Events.class).events()).hasSize(1);
  }

  @Test
  void aWatchFromAFutureRevisionResyncs() {
    ds.create(gns("a", "10.0.0.1/32"));
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(ds.currentRevision() + 100, l));
    assertThat(l.next()).isInstanceOf(Resync.class);
  }

  // -- nets deltas --------------------------------------------------------------------------

  @Test
  void smallNetsChangesCarryADeltaOnThePreviousRevision() {
    List<String> nets = new ArrayList<>(TestResources.cidrs(1000));
    ds.create(gns("feed", Map.of("feed", "x"), nets.toArray(String[]::new)));
    long base = ds.currentRevision();
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(base, l));

    nets.remove("10.0.0.7/32");
    nets.add("192.0.2.1/32");
    Resource changed = ds.apply(gns("feed", Map.of("feed", "x"), nets.toArray(String[]::new)));
    WatchEvent e = l.eventsThrough(ds.currentRevision()).get(0);

    assertThat(e.netsDelta()).contains(new NetsDelta(base, List.of("10.0.0.7/32"), List.of("192.0.2.1/32")));
    assertThat(e.resource()).isEqualTo(changed);   // decoded on demand, the same as without a delta
  }

  @Test
  void anAnnotationChangeKeepsTheDelta() {
    ds.create(gns("feed", Map.of("feed", "x"), "10.0.0.1/32", "10.0.0.2/32"));
    long base = ds.currentRevision();
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(base, l));

    Resource changed = ds.apply(TestResources.withAnnotation(gns("feed", Map.of("feed", "x"), "10.0.0.1/32"),
        "selvedge.io/import-source", "file b.txt"));

    WatchEvent e = l.eventsThrough(ds.currentRevision()).get(0);
    assertThat(e.netsDelta()).contains(new NetsDelta(base, List.of("10.0.0.2/32"), List.of()));
    assertThat(e.resource()).isEqualTo(changed);
  }

  @Test
  void labelChangesAndLargeNetsChangesCarryNoDelta() {
    List<String> nets = new ArrayList<>(TestResources.cidrs(10));
    ds.create(gns("feed", Map.of("feed", "x"), nets.toArray(String[]::new)));
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(ds.currentRevision(), l));

    nets.set(0, "192.0.2.1/32");
    ds.apply(gns("feed", Map.of("feed", "y"), nets.toArray(String[]::new)));       // labels changed too
    ds.apply(gns("feed", Map.of("feed", "y"), "192.0.2.2/32", "192.0.2.3/32", "192.0.2.4/32")); // 13 for 10 nets
    ds.apply(gns("feed", Map.of("feed", "y"), "192.0.2.2/32", "192.0.2.5/32"));    // 3 for 3 nets: a delta
    ds.apply(TestResources.gnp("p", 1, "all()"));                                   // not a network set

    List<WatchEvent> events = l.eventsThrough(ds.currentRevision());
    assertThat(events).extracting(ev -> ev.netsDelta().isPresent()).containsExactly(false, false, true, false);
  }

  @Test
  void aVersionOneFileGetsTheDeltaTableOnOpen() throws Exception {
    ds.create(gns("feed", "10.0.0.1/32", "10.0.0.2/32"));
    ds.close();
    execute(file, "DROP TABLE nets_deltas", "DROP TABLE node_status", "PRAGMA user_version = 1");   // as version 1 made it

    ds = SqliteDatastore.open(DatastoreUrl.sqlite(file), OPTIONS);
    long base = ds.currentRevision();
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(base, l));
    ds.apply(gns("feed", "10.0.0.1/32", "10.0.0.3/32"));

    assertThat(query(file, "PRAGMA user_version")).isEqualTo(Integer.toString(SqliteSchema.CURRENT_VERSION));
    assertThat(l.eventsThrough(ds.currentRevision()).get(0).netsDelta())
        .contains(new NetsDelta(base, List.of("10.0.0.2/32"), List.of("10.0.0.3/32")));
  }

  @Test
  void aDeferredResourceIsReadFromTheCurrentRowOnceCompactedAndFailsClearlyWhenGone() throws Exception {
    ds.create(gns("feed", "10.0.0.1/32", "10.0.0.2/32"));
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();   // never asks for resources
    closeLater(ds.watch(ds.currentRevision(), new WatchListener() {
      @Override
      public void onSnapshot(long revision, List<Resource> resources) { }

      @Override
      public void onEvents(List<WatchEvent> batch) {
        events.addAll(batch);
      }

      @Override
      public void onResync(long requestedRevision, long compactedRevision) { }

      @Override
      public void onError(DatastoreException error) { }
    }));
    Resource changed = ds.apply(gns("feed", "10.0.0.1/32", "10.0.0.3/32"));
    Resource current = ds.apply(gns("feed", "10.0.0.1/32", "10.0.0.4/32"));
    WatchEvent first = events.poll(30, TimeUnit.SECONDS);
    WatchEvent second = events.poll(30, TimeUnit.SECONDS);
    assertThat(first.netsDelta()).isPresent();
    assertThat(second.netsDelta()).isPresent();

    compact(ds, ds.currentRevision());

    assertThat(second.resource()).as("still the current row").isEqualTo(current);
    assertThatThrownBy(first::resource).isInstanceOf(DatastoreException.class)
        .hasMessageContaining("GlobalNetworkSet feed at revision " + changed.metadata().resourceVersion()
            + " is no longer in the change history (compacted); watch again from revision 0");
  }
}
