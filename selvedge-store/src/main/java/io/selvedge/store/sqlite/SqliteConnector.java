package io.selvedge.store.sqlite;

import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.UnavailableException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Opens JDBC connections to a datastore file with the settings every connection needs: WAL
 * journal (readers never block the writer, and several processes share the file),
 * {@code synchronous=FULL} (a commit is on disk when it returns, so kill -9 or power loss never
 * loses an acknowledged write), a busy timeout (a writer waits for another process's write
 * instead of failing), and a bounded WAL file. Checks the directory and file first, so a failure
 * says why ("permission denied", "is a directory") rather than SQLite's "unable to open".
 * Stateless.
 */
final class SqliteConnector {
  private SqliteConnector() {}

  /** Keep the WAL file from staying at the size of the biggest transaction ever written. */
  private static final long JOURNAL_SIZE_LIMIT = 64L << 20;

  static Connection open(DatastoreUrl url, SqliteOptions options) {
    Path file = url.path();
    checkFileSystem(url, file);
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
    cfg.setJournalSizeLimit((int) JOURNAL_SIZE_LIMIT);
    try {
      return cfg.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw SqliteErrors.translate(url, "cannot open", e, options);
    }
  }

  private static void checkFileSystem(DatastoreUrl url, Path file) {
    String u = url.toString();
    Path dir = file.getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
    } catch (AccessDeniedException e) {
      throw new UnavailableException(u, "cannot create directory " + e.getFile() + ": permission denied", e);
    } catch (FileSystemException e) {
      throw new UnavailableException(u, "cannot create directory " + e.getFile() + ": "
          + (e.getReason() != null ? e.getReason() : "file system error"), e);
    } catch (IOException e) {
      throw new UnavailableException(u, "cannot create directory " + dir + ": " + e.getMessage(), e);
    }
    if (Files.isDirectory(file)) {
      throw new UnavailableException(u, "cannot open: it is a directory");
    }
    if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
      throw new UnavailableException(u, "cannot open: permission denied");
    }
    if (dir != null && !Files.isWritable(dir)) {
      // SQLite creates the database, its -wal and -shm files next to it.
      throw new UnavailableException(u, "cannot open: permission denied (directory " + dir
          + " is not writable, and SQLite needs to create files in it)");
    }
  }
}
