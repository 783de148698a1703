package io.selvedge.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Keeps the change log bounded. After each write (in the writer's transaction) history at or
 * below a compaction point C is deleted, where C is the highest of
 * <ul>
 *   <li>{@code revision - retainRevisions} (keep the last N revisions), and</li>
 *   <li>the revision below which dropping history brings its size under {@code retainBytes}
 *       (a few re-imports of a 20 MB network set must not grow the file without bound),</li>
 * </ul>
 * capped so history younger than {@code minRetainAge}, and the latest revision's changes, are
 * always kept. A watcher that asks for revisions at or below C gets a resync. Explicit
 * {@link #compactThrough} serves tests and operators. Stateless.
 *
 * <p>Cost: O(revisions dropped) rows deleted per write, plus a scan of the {@code revisions}
 * table (one small row per retained revision) when the size or age bound is involved.
 */
final class ChangeLogCompactor {
  private ChangeLogCompactor() {}

  /** Applies the retention policy; call inside the write transaction, after the write. */
  static void afterWrite(Connection c, SqliteOptions options, Instant now) throws SQLException {
    long revision = MetaTable.get(c, MetaTable.REVISION);
    long compacted = MetaTable.get(c, MetaTable.COMPACTED);
    long logBytes = MetaTable.get(c, MetaTable.LOG_BYTES);
    long target = Math.max(compacted, revision - options.retainRevisions());
    if (logBytes > options.retainBytes()) {
      target = Math.max(target, sizeBound(c, compacted, logBytes, options.retainBytes()));
    }
    if (target <= compacted) {
      return;
    }
    target = Math.min(target, revision - 1);
    target = Math.min(target, youngest(c, now.toEpochMilli() - options.minRetainAge().toMillis(), compacted));
    if (target > compacted) {
      compactThrough(c, target);
    }
  }

  /** Deletes the history at and below {@code revision} (at most the current revision). */
  static void compactThrough(Connection c, long revision) throws SQLException {
    long compacted = MetaTable.get(c, MetaTable.COMPACTED);
    long target = Math.min(revision, MetaTable.get(c, MetaTable.REVISION));
    if (target <= compacted) {
      return;
    }
    long dropped;
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(bytes), 0) FROM revisions WHERE revision <= ?")) {
      ps.setLong(1, target);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        dropped = rs.getLong(1);
      }
    }
    for (String table : new String[] {"changes", "nets_deltas"}) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE revision <= ?")) {
        ps.setLong(1, target);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM revisions WHERE revision <= ?")) {
      ps.setLong(1, target);
      ps.executeUpdate();
    }
    MetaTable.set(c, MetaTable.COMPACTED, target);
    MetaTable.set(c, MetaTable.LOG_BYTES, Math.max(0, MetaTable.get(c, MetaTable.LOG_BYTES) - dropped));
  }

  /** The lowest revision through which dropping history leaves at most {@code limit} bytes. */
  private static long sizeBound(Connection c, long compacted, long logBytes, long limit) throws SQLException {
    long remaining = logBytes;
    long bound = compacted;
    try (PreparedStatement ps = c.prepareStatement("SELECT revision, bytes FROM revisions ORDER BY revision");
        ResultSet rs = ps.executeQuery()) {
      while (remaining > limit && rs.next()) {
        remaining -= rs.getLong(2);
        bound = rs.getLong(1);
      }
    }
    return bound;
  }

  /** The newest revision committed at or before {@code cutoffMillis} ({@code floor} if none). */
  private static long youngest(Connection c, long cutoffMillis, long floor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(revision) FROM revisions WHERE committed_at <= ?")) {
      ps.setLong(1, cutoffMillis);
      try (ResultSet rs = ps.executeQuery()) {
        long r = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() ? floor : Math.max(r, floor);
      }
    }
  }
}
