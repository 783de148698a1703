package io.selvedge.store.sqlite;

import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.UnavailableException;
import java.sql.SQLException;

/**
 * Turns SQLite failures into the datastore's exception tree with a reason a user can act on.
 * Conditions of the file or the host (locked, permissions, disk full, I/O, corruption, not a
 * database) become {@link UnavailableException}; anything else is a plain
 * {@link DatastoreException}. Stateless.
 */
final class SqliteErrors {
  private SqliteErrors() {}

  // Primary result codes (sqlite3.h); sqlite-jdbc reports the primary code as the vendor code.
  private static final int PERM = 3;
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int NOMEM = 7;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

  /**
   * @param doing what was being done, e.g. "cannot write", "cannot read", "cannot open"
   */
  static DatastoreException translate(DatastoreUrl url, String doing, SQLException e, SqliteOptions options) {
    String u = url.toString();
    return switch (e.getErrorCode() & 0xff) {
      case BUSY, LOCKED -> new UnavailableException(u, doing + ": the database is locked by another process"
          + " (waited " + options.busyTimeout().toMillis() / 1000.0 + " s); try again", e);
      case PERM -> new UnavailableException(u, doing + ": permission denied", e);
      case READONLY -> new UnavailableException(u, doing + ": the database is read-only"
          + " (check the permissions of the file and its directory)", e);
      case FULL -> new UnavailableException(u, doing + ": the disk is full", e);
      case IOERR -> new UnavailableException(u, doing + ": I/O error (" + detail(e) + ")", e);
      case CORRUPT -> new UnavailableException(u, doing + ": the database file is corrupt", e);
      case NOTADB -> new UnavailableException(u, doing + ": the file is not a SQLite database", e);
      case CANTOPEN -> new UnavailableException(u, doing + ": unable to open the database file", e);
      case NOMEM -> new UnavailableException(u, doing + ": out of memory", e);
      default -> new DatastoreException(u + ": " + doing + ": " + detail(e), e);
    };
  }

  /** SQLite's own words, without sqlite-jdbc's "[SQLITE_X]" prefix. */
  private static String detail(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int close = m.startsWith("[") ? m.indexOf("] ") : -1;
    return close > 0 ? m.substring(close + 2) : m;
  }
}
