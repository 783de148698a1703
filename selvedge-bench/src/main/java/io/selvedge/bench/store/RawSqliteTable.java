package io.selvedge.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The baseline for the SQLite benchmarks: one plain table {@code (key PRIMARY KEY, json)} in a
 * fresh file with the store's durability settings (WAL, {@code synchronous=FULL}), written in one
 * transaction by plain JDBC — the floor under the datastore's codec, digests, change log and
 * revision bookkeeping. Not thread-safe; {@link #close} deletes the file.
 */
final class RawSqliteTable implements AutoCloseable {
  private final Path dir;
  private final Connection conn;

  RawSqliteTable() {
    try {
      dir = Files.createTempDirectory("selvedge-bench-raw");
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      conn = cfg.createConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE TABLE t (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts (or replaces) rows {@code keys[i] -> jsons[i]} in one transaction. */
  void write(List<String> keys, List<String> jsons) {
    try {
      conn.setAutoCommit(false);
      try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO t (key, json) VALUES (?, ?)")) {
        for (int i = 0; i < keys.size(); i++) {
          ps.setString(1, keys.get(i));
          ps.setString(2, jsons.get(i));
          ps.executeUpdate();
        }
      }
      conn.commit();
      conn.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    ScratchStore.deleteTree(dir);
  }
}
