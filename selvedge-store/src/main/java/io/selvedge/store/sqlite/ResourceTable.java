package io.selvedge.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.LabelFilter;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.StoreFields;
import io.selvedge.store.StoredForm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code resources} table: the current state, one row per resource, keyed by
 * (kind, namespace, name) with namespace {@code ''} for global kinds. Lives for one transaction
 * of one connection (it caches prepared statements for batches); not thread-safe.
 *
 * <p>Cost: {@link #find}/{@link #get} are one primary-key lookup. {@link #list} scans the kind's
 * (or namespace's) key range in key order, evaluates the selector on the small labels column and
 * decodes only the JSON of matching rows.
 */
final class ResourceTable implements AutoCloseable {
  private static final ObjectMapper LABELS = new ObjectMapper();
  private static final TypeReference<Map<String, String>> LABEL_MAP = new TypeReference<>() { };

  private final Connection c;
  private PreparedStatement find;
  private PreparedStatement insert;
  private PreparedStatement update;
  private PreparedStatement delete;

  ResourceTable(Connection c) {
    this.c = c;
  }

  /** The row's bookkeeping, or null if the resource does not exist. */
  StoredRow find(ResourceKey key) throws SQLException {
    if (find == null) {
      find = c.prepareStatement("SELECT uid, generation, created_at, create_rev, mod_rev, spec_digest, meta_digest"
          + " FROM resources WHERE kind = ? AND namespace = ? AND name = ?");
    }
    bindKey(find, 1, key);
    try (ResultSet rs = find.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new StoredRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
          rs.getString(6), rs.getString(7));
    }
  }

  void insert(ResourceKey key, StoredRow row, Resource stored, String json) throws SQLException {
    if (insert == null) {
      insert = c.prepareStatement("INSERT INTO resources (uid, generation, created_at, create_rev, mod_rev,"
          + " spec_digest, meta_digest, labels, json, kind, namespace, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    bindRow(insert, row, stored, json);
    bindKey(insert, 10, key);
    insert.executeUpdate();
  }

  void update(ResourceKey key, StoredRow row, Resource stored, String json) throws SQLException {
    if (update == null) {
      update = c.prepareStatement("UPDATE resources SET uid = ?, generation = ?, created_at = ?, create_rev = ?,"
          + " mod_rev = ?, spec_digest = ?, meta_digest = ?, labels = ?, json = ?"
          + " WHERE kind = ? AND namespace = ? AND name = ?");
    }
    bindRow(update, row, stored, json);
    bindKey(update, 10, key);
    update.executeUpdate();
  }

  void delete(ResourceKey key) throws SQLException {
    if (delete == null) {
      delete = c.prepareStatement("DELETE FROM resources WHERE kind = ? AND namespace = ? AND name = ?");
    }
    bindKey(delete, 1, key);
    delete.executeUpdate();
  }

  /** The stored labels of an existing resource. */
  Map<String, String> labels(ResourceKey key) throws SQLException {
    return labels(column(key, "labels"));
  }

  /** The stored document of an existing resource (no decoding). */
  String json(ResourceKey key) throws SQLException {
    return column(key, "json");
  }

  private String column(ResourceKey key, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + column + " FROM resources WHERE kind = ? AND namespace = ? AND name = ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(key + " vanished inside the write transaction");
        }
        return rs.getString(1);
      }
    }
  }

  Optional<Resource> get(ResourceKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT mod_rev, json FROM resources WHERE kind = ? AND namespace = ? AND name = ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(decode(key.kind(), rs.getLong(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** Resources of a kind, in (namespace, name) order; namespace null for all. */
  List<Resource> list(Kind kind, String namespace, LabelFilter filter) throws SQLException {
    String sql = "SELECT labels, mod_rev, json FROM resources WHERE kind = ?"
        + (namespace != null ? " AND namespace = ?" : "") + " ORDER BY namespace, name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, kind.apiName());
      if (namespace != null) {
        ps.setString(2, namespace);
      }
      List<Resource> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (filter.matches(labels(rs.getString(1)))) {
            out.add(decode(kind, rs.getLong(2), rs.getString(3)));
          }
        }
      }
      return out;
    }
  }

  /** Every resource (a watch snapshot), in (kind, namespace, name) order. */
  List<Resource> all() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT kind, mod_rev, json FROM resources ORDER BY kind, namespace, name");
        ResultSet rs = ps.executeQuery()) {
      List<Resource> out = new ArrayList<>();
      while (rs.next()) {
        out.add(decode(kindOf(rs.getString(1)), rs.getLong(2), rs.getString(3)));
      }
      return out;
    }
  }

  static Resource decode(Kind kind, long modRev, String json) {
    return StoreFields.withRevision(StoredForm.fromJson(kind, json), modRev);
  }

  static Kind kindOf(String apiName) {
    return Kind.fromApiName(apiName)
        .orElseThrow(() -> new DatastoreException("the datastore holds an unknown kind " + apiName
            + " (written by a newer selvedge?)"));
  }

  static void bindKey(PreparedStatement ps, int first, ResourceKey key) throws SQLException {
    ps.setString(first, key.kind().apiName());
    ps.setString(first + 1, key.namespace() == null ? "" : key.namespace());
    ps.setString(first + 2, key.name());
  }

  private static void bindRow(PreparedStatement ps, StoredRow row, Resource stored, String json) throws SQLException {
    ps.setString(1, row.uid());
    ps.setLong(2, row.generation());
    ps.setString(3, row.createdAt());
    ps.setLong(4, row.createRev());
    ps.setLong(5, row.modRev());
    ps.setString(6, row.specDigest());
    ps.setString(7, row.metaDigest());
    ps.setString(8, labelsJson(stored.metadata().labels()));
    ps.setString(9, json);
  }

  private static String labelsJson(Map<String, String> labels) {
    try {
      return LABELS.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels always serialise", e);
    }
  }

  private static Map<String, String> labels(String json) {
    try {
      return LABELS.readValue(json, LABEL_MAP);
    } catch (JsonProcessingException e) {
      throw new DatastoreException("a stored labels column does not decode: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : new PreparedStatement[] {find, insert, update, delete}) {
      if (ps != null) {
        ps.close();
      }
    }
  }
}
