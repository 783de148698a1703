package io.selvedge.store.sqlite;

import io.selvedge.model.Resource;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import io.selvedge.store.WatchThread;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A watch on a SQLite datastore: one daemon thread with its own connection polls for commits
 * and delivers the change log in order.
 *
 * <p>Polling is cheap: {@code PRAGMA data_version} changes when any other connection (in any
 * process) commits, and only then does the thread open a read transaction, check the
 * compaction point and read the changes after the last delivered revision (WAL gives that
 * transaction a consistent snapshot, so the check and the read agree). It checks when a
 * {@link CommitSignal} reports a write in the database's directory (inotify: a commit of another
 * process is seen at once) and every 100 ms regardless; without that signal it polls every
 * {@link SqliteOptions#pollInterval()}. It reads at least once a second regardless. A page of
 * changes is bounded (~10,000 events or 64 MiB of JSON, never splitting a revision); a backlog is
 * read page after page without sleeping.
 *
 * <p>A requested revision below the compaction point, or above the current revision (the file
 * was replaced by another store), ends the watch with {@code onResync}.
 */
final class SqliteWatch extends WatchThread {
  private static final int PAGE_EVENTS = 10_000;
  private static final long PAGE_BYTES = 64L << 20;
  private static final long FORCED_READ_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** The poll's period while {@link CommitSignal} wakes the watch on writes: only a safety net. */
  private static final long SIGNALLED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final DatastoreUrl url;
  private final SqliteOptions options;
  private final Consumer<SqliteWatch> onEnd;
  private final Connection conn;
  private final CommitSignal signal;
  /** The poll's query, prepared once. */
  private PreparedStatement dataVersionQuery;

  /** Opens the watch's connection (failing here if the file cannot be opened); call {@link #start}. */
  SqliteWatch(DatastoreUrl url, SqliteOptions options, long from, WatchListener listener, Consumer<SqliteWatch> onEnd) {
    super("selvedge-sqlite-watch", from, listener);
    this.url = url;
    this.options = options;
    this.onEnd = onEnd;
    this.conn = SqliteConnector.open(url, options);
    this.signal = options.wakeOnWrites() ? CommitSignal.open(url.path()) : CommitSignal.none();
  }

  @Override
  protected void follow() throws SQLException {
    if (from() == 0 && !snapshot()) {
      return;
    }
    long lastDataVersion = Long.MIN_VALUE;
    long lastRead = 0;
    boolean more = true;
    while (isActive()) {
      long dv = dataVersion();
      if (more || dv != lastDataVersion || System.nanoTime() - lastRead > FORCED_READ_NANOS) {
        lastDataVersion = dv;
        lastRead = System.nanoTime();
        more = readChanges();
        if (more) {
          continue;
        }
      }
      signal.await(signal.available() ? SIGNALLED_POLL_NANOS : options.pollInterval().toNanos());
    }
  }

  @Override
  protected DatastoreException failure(Exception e) {
    return e instanceof SQLException sql ? SqliteErrors.translate(url, "watch failed", sql, options)
        : new DatastoreException(url + ": watch failed: " + e, e);
  }

  @Override
  protected void wake() {
    signal.close();
    LockSupport.unpark(thread());
  }

  @Override
  protected void ended() {
    signal.close();
    try {
      conn.close();
    } catch (SQLException ignored) {
      // nothing more to do with this connection
    }
    onEnd.accept(this);
  }

  /** Reads and delivers the snapshot; false if the watch was closed meanwhile. */
  private boolean snapshot() throws SQLException {
    long rev;
    List<Resource> all;
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN");
      try (ResourceTable table = new ResourceTable(conn)) {
        rev = MetaTable.get(conn, MetaTable.REVISION);
        all = table.all();
      } finally {
        st.execute("COMMIT");
      }
    }
    delivered(rev);
    return deliver(() -> listener().onSnapshot(rev, all));
  }

  /** Reads and delivers one page of changes; true if more are waiting. */
  private boolean readChanges() throws SQLException {
    long after = revision();
    long current;
    long compacted;
    ChangeLog.Page page = null;
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN");
      try {
        current = MetaTable.get(conn, MetaTable.REVISION);
        compacted = MetaTable.get(conn, MetaTable.COMPACTED);
        if (after >= compacted && after < current) {
          page = ChangeLog.readAfter(conn, after, PAGE_EVENTS, PAGE_BYTES, this::loadDocument);
        }
      } finally {
        st.execute("COMMIT");
      }
    }
    if (after < compacted || after > current) {
      terminal(() -> listener().onResync(after, compacted));
      return false;
    }
    if (page == null || page.events().isEmpty()) {
      return false;
    }
    List<WatchEvent> events = page.events();
    delivered(events.get(events.size() - 1).revision());
    return deliver(() -> listener().onEvents(events)) && page.more();
  }

  /**
   * The full resource of an event delivered with a nets delta, read when a consumer asks for it
   * (on the consumer's thread, with a connection of its own). The change log keeps it at least
   * {@link SqliteOptions#minRetainAge()} after the commit; later, once compacted, it is gone
   * unless the resource is still at that revision.
   */
  private Resource loadDocument(ResourceKey key, long rev, int seq) {
    String json;
    try (Connection c = SqliteConnector.open(url, options)) {
      json = ChangeLog.document(c, key, rev, seq);
    } catch (SQLException e) {
      throw SqliteErrors.translate(url, "reading " + key + " at revision " + rev, e, options);
    }
    if (json == null) {
      throw new DatastoreException(url + ": " + key + " at revision " + rev
          + " is no longer in the change history (compacted); watch again from revision 0");
    }
    return ResourceTable.decode(key.kind(), rev, json);
  }

  private long dataVersion() throws SQLException {
    if (dataVersionQuery == null) {
      dataVersionQuery = conn.prepareStatement("PRAGMA data_version");
    }
    try (ResultSet rs = dataVersionQuery.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
