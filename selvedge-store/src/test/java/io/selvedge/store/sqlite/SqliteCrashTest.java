package io.selvedge.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Kind;
import io.selvedge.store.ChildJvm;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.TestResources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a writer in the middle of a big batch: a child JVM ({@link BigBatchWriter}) applies
 * 20,000 resources in one transaction and is SIGKILLed once it reports it is half-way. The file
 * must then pass {@code PRAGMA integrity_check}, hold the batch entirely or not at all, keep
 * what was committed before, and take new writes.
 */
class SqliteCrashTest {
  private static final int BATCH = 20_000;

  @TempDir
  Path dir;

  @Test
  void killedWriterLeavesAValidFileWithTheBatchAllOrNothing() throws Exception {
    Path file = dir.resolve("selvedge.db");
    try (SqliteDatastore ds = SqliteDatastore.open(file)) {
      ds.create(TestResources.gns("before", "192.0.2.1/32"));
    }

    boolean committed;
    try (ChildJvm child = ChildJvm.start(BigBatchWriter.class, file.toString(), Integer.toString(BATCH))) {
      child.awaitLine("writing", Duration.ofSeconds(120));
      child.kill();
      committed = child.lines().contains("committed");
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
    }
    try (SqliteDatastore ds = SqliteDatastore.open(DatastoreUrl.sqlite(file), SqliteOptions.defaults())) {
      int batch = ds.list(Kind.NETWORK_SET, "crash", null).size();
      assertThat(batch).isIn(0, BATCH);
      if (committed) {
        assertThat(batch).isEqualTo(BATCH);
      }
      assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "before")).isPresent();
      ds.create(TestResources.gns("after", "192.0.2.2/32"));
      assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "after")).isPresent();
      // The revision counter and the change log agree with what is there.
      assertThat(ds.currentRevision()).isEqualTo(batch == 0 ? 2 : 3);
    }
  }
}
