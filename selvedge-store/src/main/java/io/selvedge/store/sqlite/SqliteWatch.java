package io.selvedge.store.sqlite;

import io.selvedge.model.Resource;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A watch on a SQLite datastore: one daemon thread with its own connection polls for commits
 * and delivers the change log in order.
 *
 * <p>Polling is cheap: {@code PRAGMA data_version} changes when any other connection (in any
 * process) commits, and only then does the thread open a read transaction, check the
 * compaction point and read the changes after the last delivered revision (WAL gives that
 * transaction a consistent snapshot, so the check and the read agree). It polls every
 * {@link SqliteOptions#pollInterval()} and reads at least once a second regardless. A page of
 * changes is bounded (~10,000 events or 64 MiB of JSON, never splitting a revision); a backlog is
 * read page after page without sleeping.
 *
 * <p>A requested revision below the compaction point, or above the current revision (the file
 * was replaced by another store), ends the watch with {@code onResync}.
 */
final class SqliteWatch implements Watch {
  private static final AtomicLong IDS = new AtomicLong();
  private static final int PAGE_EVENTS = 10_000;
  private static final long PAGE_BYTES = 64L << 20;
  private static final long FORCED_READ_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final DatastoreUrl url;
  private final SqliteOptions options;
  private final long from;
  private final WatchListener listener;
  private final Consumer<SqliteWatch> onEnd;
  private final Connection conn;
  private final Thread thread;
  private volatile boolean active = true;
  private volatile long revision;

  /** Opens the watch's connection (failing here if the file cannot be opened); call {@link #start}. */
  SqliteWatch(DatastoreUrl url, SqliteOptions options, long from, WatchListener listener, Consumer<SqliteWatch> onEnd) {
    if (from < 0) {
      throw new IllegalArgumentException("watch revision must be >= 0, not " + from);
    }
    this.url = url;
    this.options = options;
    this.from = from;
    this.listener = listener;
    this.onEnd = onEnd;
    this.revision = from;
    this.conn = SqliteConnector.open(url, options);
    this.thread = new Thread(this::run, "selvedge-sqlite-watch-" + IDS.incrementAndGet());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public long revision() {
    return revision;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public void close() {
    active = false;
    if (Thread.currentThread() != thread) {
      LockSupport.unpark(thread);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      if (from == 0) {
        snapshot();
      }
      long lastDataVersion = Long.MIN_VALUE;
      long lastRead = 0;
      boolean more = true;
      while (active) {
        long dv = dataVersion();
        if (more || dv != lastDataVersion || System.nanoTime() - lastRead > FORCED_READ_NANOS) {
          lastDataVersion = dv;
          lastRead = System.nanoTime();
          more = readChanges();
          if (more) {
            continue;
          }
        }
        LockSupport.parkNanos(options.pollInterval().toNanos());
      }
    } catch (SQLException e) {
      fail(SqliteErrors.translate(url, "watch failed", e, options));
    } catch (DatastoreException e) {
      fail(e);
    } catch (ListenerFailure e) {
      fail(new DatastoreException("the watch listener failed: " + e.getCause(), e.getCause()));
    } catch (RuntimeException e) {
      fail(new DatastoreException(url + ": watch failed: " + e, e));
    } finally {
      active = false;
      try {
        conn.close();
      } catch (SQLException ignored) {
        // nothing more to do with this connection
      }
      onEnd.accept(this);
    }
  }

  private void snapshot() throws SQLException {
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
    revision = rev;
    deliver(() -> listener.onSnapshot(rev, all));
  }

  /** Reads and delivers one page of changes; true if more are waiting. */
  private boolean readChanges() throws SQLException {
    long after = revision;
    long current;
    long compacted;
    ChangeLog.Page page = null;
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN");
      try {
        current = MetaTable.get(conn, MetaTable.REVISION);
        compacted = MetaTable.get(conn, MetaTable.COMPACTED);
        if (after >= compacted && after < current) {
          page = ChangeLog.readAfter(conn, after, PAGE_EVENTS, PAGE_BYTES);
        }
      } finally {
        st.execute("COMMIT");
      }
    }
    if (after < compacted || after > current) {
      deliver(() -> listener.onResync(after, compacted));
      active = false;
      return false;
    }
    if (page == null || page.events().isEmpty()) {
      return false;
    }
    List<WatchEvent> events = page.events();
    revision = events.get(events.size() - 1).revision();
    deliver(() -> listener.onEvents(events));
    return page.more();
  }

  private long dataVersion() throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void deliver(Runnable callback) {
    if (!active) {
      return;
    }
    try {
      callback.run();
    } catch (RuntimeException | Error e) {
      throw new ListenerFailure(e);
    }
  }

  private void fail(DatastoreException e) {
    if (!active) {
      return;
    }
    active = false;
    try {
      listener.onError(e);
    } catch (RuntimeException ignored) {
      // the watch is over either way
    }
  }

  /** Marks an exception thrown by the listener, as opposed to one from the store. */
  private static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure(Throwable cause) {
      super(cause);
    }
  }
}
