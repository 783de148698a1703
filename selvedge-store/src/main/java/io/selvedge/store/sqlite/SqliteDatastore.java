package io.selvedge.store.sqlite;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.LabelFilter;
import io.selvedge.store.NodeStatus;
import io.selvedge.store.NodeStatusJson;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded datastore: one SQLite file (schema in {@link SqliteSchema}) in WAL mode with
 * durable commits, shared safely by several processes (the CLI writes while an agent watches).
 *
 * <p>Writes take SQLite's write lock at their start ({@code BEGIN IMMEDIATE}), so preconditions
 * are checked and applied atomically across processes; a writer waits up to
 * {@link SqliteOptions#busyTimeout()} for another, then fails with
 * {@link io.selvedge.store.UnavailableException}. A batch ({@link #applyAll}) is one
 * transaction: all of it at one revision or, after any failure or a crash (kill -9, power
 * loss), none of it. Watches poll a revision counter ({@link SqliteWatch}).
 *
 * <p>Does not validate resources (the CLI does, before writing), and does not vacuum the file:
 * space freed by compaction is reused by later writes.
 *
 * <p>Thread safety: safe for any number of threads; calls on one instance are serialised on its
 * single connection (so a slow list blocks a write in the same process, not in others). Each
 * watch has its own connection and thread.
 *
 * <p>Cost: get is one index lookup; list scans the kind's key range and decodes matching rows;
 * a write is O(log n) per resource plus serialising it (twice: for the stored JSON and its
 * digest); a watch costs one tiny query per poll when idle.
 */
public final class SqliteDatastore implements Datastore {
  private final DatastoreUrl url;
  private final SqliteOptions options;
  private final Clock clock;
  private final Connection conn;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<SqliteWatch> watches = new CopyOnWriteArraySet<>();
  private volatile boolean closed;

  private SqliteDatastore(DatastoreUrl url, SqliteOptions options, Clock clock) {
    this.url = url;
    this.options = options;
    this.clock = clock;
    this.conn = SqliteConnector.open(url, options);
    try {
      SqliteSchema.ensure(conn, url);
    } catch (SQLException e) {
      closeQuietly();
      throw SqliteErrors.translate(url, "cannot open", e, options);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens the datastore file, creating it (and its directory) if missing.
   *
   * @throws io.selvedge.store.UnavailableException naming the URL and why
   */
  public static SqliteDatastore open(DatastoreUrl url, SqliteOptions options) {
    return open(url, options, Clock.systemUTC());
  }

  /** As {@link #open(DatastoreUrl, SqliteOptions)}, with a clock for creation timestamps and retention. */
  public static SqliteDatastore open(DatastoreUrl url, SqliteOptions options, Clock clock) {
    if (url.scheme() != DatastoreUrl.Scheme.SQLITE) {
      throw new IllegalArgumentException(url + " is not a sqlite: URL");
    }
    return new SqliteDatastore(url, options, clock);
  }

  /** Opens this file with default options. */
  public static SqliteDatastore open(Path file) {
    return open(DatastoreUrl.sqlite(file), SqliteOptions.defaults());
  }

  @Override
  public DatastoreUrl url() {
    return url;
  }

  @Override
  public Optional<Resource> get(Kind kind, String namespace, String name) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    return read("cannot read", () -> {
      try (ResourceTable t = new ResourceTable(conn)) {
        return t.get(key);
      }
    });
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, String labelSelector) {
    Objects.requireNonNull(kind, "kind");
    LabelFilter filter = LabelFilter.parse(labelSelector);
    String ns = kind.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
    return read("cannot read", () -> {
      try (ResourceTable t = new ResourceTable(conn)) {
        return t.list(kind, ns, filter);
      }
    });
  }

  @Override
  public Resource create(Resource resource) {
    return putOne(resource, WriteTransaction.Mode.CREATE);
  }

  @Override
  public Resource update(Resource resource) {
    return putOne(resource, WriteTransaction.Mode.UPDATE);
  }

  @Override
  public Resource apply(Resource resource) {
    return putOne(resource, WriteTransaction.Mode.APPLY);
  }

  private Resource putOne(Resource resource, WriteTransaction.Mode mode) {
    Objects.requireNonNull(resource, "resource");
    return write(tx -> tx.put(resource, mode).stored());
  }

  @Override
  public void delete(Kind kind, String namespace, String name, String expectedResourceVersion) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    write(tx -> {
      tx.delete(key, expectedResourceVersion);
      return null;
    });
  }

  @Override
  public BatchResult applyAll(List<? extends Resource> resources, ProgressListener progress) {
    Set<ResourceKey> seen = new HashSet<>();
    for (Resource r : resources) {
      ResourceKey k = ResourceKey.of(r);
      if (!seen.add(k)) {
        throw new IllegalArgumentException(k + " appears more than once in the batch");
      }
    }
    int total = resources.size();
    return write(tx -> {
      List<BatchResult.Outcome> outcomes = new ArrayList<>(total);
      for (Resource r : resources) {
        outcomes.add(tx.put(r, WriteTransaction.Mode.APPLY));
        progress.progress(outcomes.size(), total);
      }
      return new BatchResult(outcomes, tx.resultRevision());
    });
  }

  @Override
  public long currentRevision() {
    return read("cannot read", () -> MetaTable.get(conn, MetaTable.REVISION));
  }

  @Override
  public void reportNodeStatus(NodeStatus status) {
    Objects.requireNonNull(status, "status");
    String json = new String(NodeStatusJson.toJson(status), StandardCharsets.UTF_8);
    transaction("BEGIN IMMEDIATE", "cannot write node status", () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO node_status (node, json) VALUES (?, ?) ON CONFLICT (node) DO UPDATE SET json = excluded.json")) {
        ps.setString(1, status.node());
        ps.setString(2, json);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<NodeStatus> listNodeStatus() {
    return read("cannot read node status", () -> {
      List<NodeStatus> out = new ArrayList<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT json FROM node_status ORDER BY node")) {
        while (rs.next()) {
          out.add(NodeStatusJson.fromJson(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
        }
      }
      return out;
    });
  }

  @Override
  public boolean deleteNodeStatus(String node) {
    Objects.requireNonNull(node, "node");
    return transaction("BEGIN IMMEDIATE", "cannot write node status", () -> {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM node_status WHERE node = ?")) {
        ps.setString(1, node);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public long resourcesChangedSince(long revision) {
    return read("cannot read", () -> {
      if (revision >= MetaTable.get(conn, MetaTable.REVISION)) {
        return 0L;
      }
      if (revision >= MetaTable.get(conn, MetaTable.COMPACTED)) {
        return count("SELECT count(*) FROM (SELECT DISTINCT kind, namespace, name FROM changes WHERE revision > ?)", revision);
      }
      // history gone: every revision in the log was a resource change, so at least one happened
      return Math.max(1, count("SELECT count(*) FROM resources WHERE mod_rev > ?", revision));
    });
  }

  private long count(String sql, long revision) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The compaction point: history at or below it is gone (watches from there resync). */
  public long compactedRevision() {
    return read("cannot read", () -> MetaTable.get(conn, MetaTable.COMPACTED));
  }

  /**
   * Drops the change history at and below {@code revision} now (at most the current revision),
   * regardless of the retention policy. Watchers behind it get a resync.
   */
  public void compact(long revision) {
    write(tx -> {
      ChangeLogCompactor.compactThrough(conn, revision);
      return null;
    });
  }

  @Override
  public Watch watch(long fromRevision, WatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    SqliteWatch w = new SqliteWatch(url, options, fromRevision, listener, watches::remove);
    watches.add(w);
    w.start();
    return w;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SqliteWatch w : watches) {
      w.close();
    }
    lock.lock();
    try {
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing: nothing to recover
    }
  }

  // -- transactions -----------------------------------------------------------------------

  /** Work inside a transaction; may throw SQLException. */
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private interface WriteWork<T> {
    T run(WriteTransaction tx) throws SQLException;
  }

  /** Runs {@code work} in a read transaction (a consistent snapshot; never blocks on writers). */
  private <T> T read(String doing, SqlWork<T> work) {
    return transaction("BEGIN", doing, work);
  }

  /** Runs {@code work} in a transaction opened with {@code begin}, then commits. */
  private <T> T transaction(String begin, String doing, SqlWork<T> work) {
    lock.lock();
    try {
      checkOpen();
      try (Statement st = conn.createStatement()) {
        st.execute(begin);
        try {
          T result = work.run();
          st.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollback(st);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(url, doing, e, options);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} in a write transaction holding SQLite's write lock from the start, then
   * commits. Any failure rolls everything back.
   */
  private <T> T write(WriteWork<T> work) {
    lock.lock();
    try {
      checkOpen();
      try (Statement st = conn.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try (WriteTransaction tx = new WriteTransaction(conn, clock.instant())) {
          T result = work.run(tx);
          tx.finish(options);
          st.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollback(st);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(url, "cannot write", e, options);
    } finally {
      lock.unlock();
    }
  }

  private static void rollback(Statement st) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite already rolled back (e.g. after an I/O error); nothing is committed
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(url + " is closed");
    }
  }
}
