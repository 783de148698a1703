package io.selvedge.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code meta} table: the revision counter, the compaction point and the size of the change
 * log. Reads see the caller's transaction; writes must be inside a write transaction. Stateless.
 */
final class MetaTable {
  private MetaTable() {}

  static final String REVISION = "revision";
  static final String COMPACTED = "compacted";
  static final String LOG_BYTES = "log_bytes";

  static long get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("meta row " + name + " is missing");
        }
        return rs.getLong(1);
      }
    }
  }

  static void set(Connection c, String name, long value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE meta SET value = ? WHERE name = ?")) {
      ps.setLong(1, value);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }
}
