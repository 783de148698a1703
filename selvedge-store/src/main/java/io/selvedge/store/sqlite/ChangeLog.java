package io.selvedge.store.sqlite;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.StoredNets;
import io.selvedge.store.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code changes} and {@code revisions} tables: every committed change, in (revision, seq)
 * order, which is what watches read. Writers {@link #append} inside their transaction and
 * {@link #recordRevision} once at the end; {@link ChangeLogCompactor} trims old history. An
 * instance lives for one transaction (it caches the insert statement); not thread-safe.
 */
final class ChangeLog implements AutoCloseable {

  /** Events read after some revision; {@code more} if the read stopped early (limits). */
  record Page(List<WatchEvent> events, boolean more) { }

  private final Connection c;
  private PreparedStatement insert;

  ChangeLog(Connection c) {
    this.c = c;
  }

  /**
   * Logs one change; {@code json} is the state after it (null for DELETED), {@code netsDelta}
   * the column form of its nets delta ({@link io.selvedge.store.StoredNets#toJson}) or null.
   */
  void append(long revision, int seq, WatchEvent.Type type, ResourceKey key, String json, String netsDelta)
      throws SQLException {
    if (insert == null) {
      insert = c.prepareStatement("INSERT INTO changes (revision, seq, type, kind, namespace, name, json)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    }
    insert.setLong(1, revision);
    insert.setInt(2, seq);
    insert.setString(3, type.name());
    ResourceTable.bindKey(insert, 4, key);
    insert.setString(7, json);
    insert.executeUpdate();
    if (netsDelta != null) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO nets_deltas (revision, seq, delta) VALUES (?, ?, ?)")) {
        ps.setLong(1, revision);
        ps.setInt(2, seq);
        ps.setString(3, netsDelta);
        ps.executeUpdate();
      }
    }
  }

  /** Records that {@code revision} committed at {@code committedAtMillis} with this much JSON. */
  void recordRevision(long revision, long committedAtMillis, long bytes) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO revisions (revision, committed_at, bytes) VALUES (?, ?, ?)")) {
      ps.setLong(1, revision);
      ps.setLong(2, committedAtMillis);
      ps.setLong(3, bytes);
      ps.executeUpdate();
    }
  }

  /** Reads the full document of a change whose event was delivered with a nets delta. */
  interface DocumentLoader {
    Resource load(ResourceKey key, long revision, int seq);
  }

  /**
   * Changes after {@code revision}, decoded, in order. Stops at a revision boundary once
   * {@code maxEvents} events or {@code maxBytes} of JSON have been read, so a page never splits
   * a revision (a single revision bigger than the limits is returned whole). Call inside a read
   * transaction that also checked the compaction point, so the page is consistent with it.
   *
   * <p>A change with a nets delta is read without its document (SQLite then does not even
   * touch the document's pages): its event carries the delta, and {@code loader} reads and
   * decodes the document only if a consumer asks for the resource.
   */
  static Page readAfter(Connection c, long revision, int maxEvents, long maxBytes, DocumentLoader loader)
      throws SQLException {
    List<WatchEvent> events = new ArrayList<>();
    long bytes = 0;
    // CASE reads c.json only for rows without a delta.
    try (PreparedStatement ps = c.prepareStatement("SELECT c.revision, c.seq, c.type, c.kind, c.namespace, c.name,"
        + " d.delta, CASE WHEN d.delta IS NULL THEN c.json END"
        + " FROM changes c LEFT JOIN nets_deltas d ON d.revision = c.revision AND d.seq = c.seq"
        + " WHERE c.revision > ? ORDER BY c.revision, c.seq")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        long last = -1;
        while (rs.next()) {
          long rev = rs.getLong(1);
          if (rev != last && (events.size() >= maxEvents || bytes >= maxBytes)) {
            return new Page(events, true);
          }
          last = rev;
          int seq = rs.getInt(2);
          WatchEvent.Type type = WatchEvent.Type.valueOf(rs.getString(3));
          Kind kind = ResourceTable.kindOf(rs.getString(4));
          String ns = rs.getString(5);
          ResourceKey key = new ResourceKey(kind, ns.isEmpty() ? null : ns, rs.getString(6));
          String delta = rs.getString(7);
          if (type == WatchEvent.Type.DELETED) {
            events.add(WatchEvent.deleted(key, rev));
          } else if (delta != null) {
            bytes += delta.length();
            events.add(WatchEvent.modifiedNets(key, rev, StoredNets.fromJson(delta), () -> loader.load(key, rev, seq)));
          } else {
            String json = rs.getString(8);
            bytes += json.length();
            events.add(new WatchEvent(type, key, rev, ResourceTable.decode(kind, rev, json)));
          }
        }
      }
    }
    return new Page(events, false);
  }

  /**
   * The document a change logged; once that history is compacted, the current row's if it is
   * still at that revision; else null.
   */
  static String document(Connection c, ResourceKey key, long revision, int seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT json FROM changes WHERE revision = ? AND seq = ?")) {
      ps.setLong(1, revision);
      ps.setInt(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getString(1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT json FROM resources WHERE kind = ? AND namespace = ? AND name = ? AND mod_rev = ?")) {
      ResourceTable.bindKey(ps, 1, key);
      ps.setLong(4, revision);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (insert != null) {
      insert.close();
    }
  }
}
