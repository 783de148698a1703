package io.selvedge.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.store.DatastoreUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConnectorTest {
  @TempDir
  Path dir;

  @Test
  void everyConnectionIsWalWithDurableCommitsAndABusyTimeout() throws Exception {
    SqliteOptions options = SqliteOptions.defaults().withBusyTimeout(Duration.ofMillis(1234));
    try (Connection c = SqliteConnector.open(DatastoreUrl.sqlite(dir.resolve("x.db")), options)) {
      assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
      assertThat(pragma(c, "busy_timeout")).isEqualTo("1234");
    }
  }

  private static String pragma(Connection c, String name) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
