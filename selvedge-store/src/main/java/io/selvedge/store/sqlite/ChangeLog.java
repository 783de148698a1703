package io.selvedge.store.sqlite;

import io.selvedge.model.Kind;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.WatchEvent;
import java.nio.charset.StandardCharsets;
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
   * the column form of its nets delta ({@link StoredNets#toColumn}) or null.
   */
  void append(long revision, int seq, WatchEvent.Type type, ResourceKey key, String json, String netsDelta)
      throws SQLException {
    if (insert == null) {
      insert = c.prepareStatement("INSERT INTO changes (revision, seq, type, kind, namespace, name, json, nets_delta)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }
    insert.setLong(1, revision);
    insert.setInt(2, seq);
    insert.setString(3, type.name());
    ResourceTable.bindKey(insert, 4, key);
    insert.setString(7, json);
    insert.setString(8, netsDelta);
    insert.executeUpdate();
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

  /**
   * Changes after {@code revision}, decoded, in order. Stops at a revision boundary once
   * {@code maxEvents} events or {@code maxBytes} of JSON have been read, so a page never splits
   * a revision (a single revision bigger than the limits is returned whole). Call inside a read
   * transaction that also checked the compaction point, so the page is consistent with it.
   *
   * <p>A change with a nets delta is not decoded: its event carries the delta and the document's
   * UTF-8 bytes, decoded only if a consumer asks for the resource (a million-net set costs ~25 MB
   * of copying instead of ~0.6 s of decoding).
   */
  static Page readAfter(Connection c, long revision, int maxEvents, long maxBytes) throws SQLException {
    List<WatchEvent> events = new ArrayList<>();
    long bytes = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT revision, type, kind, namespace, name, nets_delta, json"
        + " FROM changes WHERE revision > ? ORDER BY revision, seq")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        long last = -1;
        while (rs.next()) {
          long rev = rs.getLong(1);
          if (rev != last && (events.size() >= maxEvents || bytes >= maxBytes)) {
            return new Page(events, true);
          }
          last = rev;
          WatchEvent.Type type = WatchEvent.Type.valueOf(rs.getString(2));
          Kind kind = ResourceTable.kindOf(rs.getString(3));
          String ns = rs.getString(4);
          ResourceKey key = new ResourceKey(kind, ns.isEmpty() ? null : ns, rs.getString(5));
          String delta = rs.getString(6);
          if (type == WatchEvent.Type.DELETED) {
            events.add(WatchEvent.deleted(key, rev));
          } else if (delta != null) {
            byte[] utf8 = rs.getBytes(7);
            bytes += delta.length() + utf8.length;
            events.add(WatchEvent.modifiedNets(key, rev, StoredNets.fromColumn(delta),
                () -> ResourceTable.decode(kind, rev, new String(utf8, StandardCharsets.UTF_8))));
          } else {
            String json = rs.getString(7);
            bytes += json.length();
            events.add(new WatchEvent(type, key, rev, ResourceTable.decode(kind, rev, json)));
          }
        }
      }
    }
    return new Page(events, false);
  }

  @Override
  public void close() throws SQLException {
    if (insert != null) {
      insert.close();
    }
  }
}
