package io.selvedge.store.sqlite;

import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.UnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and upgrades the datastore schema. The file is marked as Selvedge's with
 * {@code PRAGMA application_id} and versioned with {@code PRAGMA user_version}; each entry of
 * {@link #MIGRATIONS} takes the schema from version i to i+1, so a later release adds a step and
 * old files upgrade on open, inside the same transaction (all or nothing). A file with a newer
 * version than this build knows, or someone else's database, is refused.
 *
 * <h2>Version 1</h2>
 * <pre>
 * meta(name PK, value)        'revision': last committed revision (the one revision counter)
 *                             'compacted': change history at or below this revision is gone
 *                             'log_bytes': size of the JSON kept in {@code changes}
 * resources(kind, namespace, name) PK   current state, one row per resource; namespace '' for
 *     global kinds; uid, generation, created_at (store-owned metadata), create_rev, mod_rev
 *     (resourceVersion), spec_digest, meta_digest (change detection without decoding),
 *     labels (JSON object, for selector filtering), json (StoredForm, last: scans that do not
 *     read it skip its overflow pages)
 * changes(revision, seq) PK   the change log watches read: type ADDED|MODIFIED|DELETED, key,
 *     json (state after the change; NULL for DELETED)
 * revisions(revision PK, committed_at, bytes)   one row per write transaction still in the log,
 *     for compaction by count, size and age
 * </pre>
 *
 * <h2>Version 2</h2>
 * <pre>
 * node_status(node PK, json)   each agent's last heartbeat ({@link io.selvedge.store.NodeStatusJson});
 *     outside the change log: writing it takes no revision and wakes no watch
 * nets_deltas(revision, seq) PK   for a MODIFIED NetworkSet/GlobalNetworkSet in {@code changes}
 *     whose labels stayed and whose {@code spec.nets} changed by at most as many entries as they
 *     hold: delta, the {@link io.selvedge.store.NetsDelta} on its previous revision as JSON
 *     ({@code {"base":R,"removed":[...],"added":[...]}}, {@link io.selvedge.store.StoredNets})
 * </pre>
 * A table of its own, not a column of {@code changes}: a column after {@code json} would make
 * every read of it walk the overflow pages of a 30 MB document.
 */
final class SqliteSchema {
  private SqliteSchema() {}

  /** 'SELV'. */
  static final int APPLICATION_ID = 0x53454C56;

  private static final List<List<String>> MIGRATIONS = List.of(
      // 0 -> 1
      List.of(
          "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
          "INSERT INTO meta (name, value) VALUES ('revision', 0), ('compacted', 0), ('log_bytes', 0)",
          """
          CREATE TABLE resources (
            kind TEXT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            uid TEXT NOT NULL,
            generation INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            create_rev INTEGER NOT NULL,
            mod_rev INTEGER NOT NULL,
            spec_digest TEXT NOT NULL,
            meta_digest TEXT NOT NULL,
            labels TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (kind, namespace, name))""",
          """
          CREATE TABLE changes (
            revision INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
            kind TEXT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            json TEXT,
            PRIMARY KEY (revision, seq))""",
          """
          CREATE TABLE revisions (
            revision INTEGER PRIMARY KEY,
            committed_at INTEGER NOT NULL,
            bytes INTEGER NOT NULL)""",
          "PRAGMA application_id = " + APPLICATION_ID),
      // 1 -> 2
      List.of("CREATE TABLE node_status (node TEXT PRIMARY KEY, json TEXT NOT NULL)",
          """
          CREATE TABLE nets_deltas (
            revision INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            delta TEXT NOT NULL,
            PRIMARY KEY (revision, seq))"""));

  /** The schema version this build writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  /** Creates or upgrades the schema in one write transaction; refuses foreign or newer files. */
  static void ensure(Connection c, DatastoreUrl url) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (pragma(st, "user_version") == CURRENT_VERSION && pragma(st, "application_id") == APPLICATION_ID) {
        return; // the common case: no write lock needed
      }
      st.execute("BEGIN IMMEDIATE");
      try {
        int version = pragma(st, "user_version");
        int appId = pragma(st, "application_id");
        if (version == 0 && appId == 0 && hasTables(st)) {
          throw new UnavailableException(url.toString(), "cannot open: it is not a selvedge datastore"
              + " (the file holds another application's tables)");
        }
        if (version > 0 && appId != APPLICATION_ID) {
          throw new UnavailableException(url.toString(), "cannot open: it is not a selvedge datastore");
        }
        if (version > CURRENT_VERSION) {
          throw new UnavailableException(url.toString(), "cannot open: its schema version " + version
              + " is newer than this selvedge understands (" + CURRENT_VERSION + "); upgrade selvedge");
        }
        for (int v = version; v < CURRENT_VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            st.execute(sql);
          }
        }
        st.execute("PRAGMA user_version = " + CURRENT_VERSION);
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(st);
        throw e;
      }
    }
  }

  private static int pragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean hasTables(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  private static void rollbackQuietly(Statement st) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back
    }
  }
}
