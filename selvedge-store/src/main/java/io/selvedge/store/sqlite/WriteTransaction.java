package io.selvedge.store.sqlite;

import io.selvedge.model.Resource;
import io.selvedge.store.AlreadyExistsException;
import io.selvedge.store.BatchResult;
import io.selvedge.store.ConflictException;
import io.selvedge.store.ContentDigest;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.NotFoundException;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.StoreFields;
import io.selvedge.store.StoredForm;
import io.selvedge.store.StoredNets;
import io.selvedge.store.WatchEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The writes of one SQLite write transaction (the caller holds {@code BEGIN IMMEDIATE}, so it is
 * the only writer and may use the next revision). Applies the datastore's write rules
 * (preconditions, unchanged detection, store-owned metadata), updates {@code resources} and
 * appends to the change log; {@link #finish} advances the revision counter once, if anything
 * changed, and compacts. The caller commits or rolls back. Not thread-safe.
 */
final class WriteTransaction implements AutoCloseable {

  /** What kind of write: must not exist, must exist, or either. */
  enum Mode { CREATE, UPDATE, APPLY }

  private final Connection c;
  private final Instant now;
  private final long revision;
  private final ResourceTable resources;
  private final ChangeLog log;
  private int seq;
  private long bytes;

  WriteTransaction(Connection c, Instant now) throws SQLException {
    this.c = c;
    this.now = now;
    this.revision = MetaTable.get(c, MetaTable.REVISION) + 1;
    this.resources = new ResourceTable(c);
    this.log = new ChangeLog(c);
  }

  /** Creates, replaces or (if identical) leaves one resource. */
  BatchResult.Outcome put(Resource r, Mode mode) throws SQLException {
    ResourceKey key = ResourceKey.of(r);
    StoredRow row = resources.find(key);
    if (row == null && mode == Mode.UPDATE) {
      throw new NotFoundException(key);
    }
    if (row != null && mode == Mode.CREATE) {
      throw new AlreadyExistsException(key);
    }
    if (row != null) {
      checkVersion(key, StoreFields.expectedVersion(r), row);
    }
    String specDigest = ContentDigest.spec(r);
    String metaDigest = ContentDigest.metadata(r);
    if (row == null) {
      Resource stored = StoreFields.forCreate(r, now);
      String json = StoredForm.toJson(stored);
      resources.insert(key, new StoredRow(stored.metadata().uid(), 1, stored.metadata().creationTimestamp(),
          revision, revision, specDigest, metaDigest), stored, json);
      logChange(WatchEvent.Type.ADDED, key, json, null);
      return new BatchResult.Outcome(key, BatchResult.Change.CREATED, StoreFields.withRevision(stored, revision));
    }
    boolean specChanged = !specDigest.equals(row.specDigest());
    if (!specChanged && metaDigest.equals(row.metaDigest())) {
      // Same content: the stored resource equals the input with the stored metadata.
      Resource same = StoreFields.forUpdate(r, row.storeFields(), false);
      return new BatchResult.Outcome(key, BatchResult.Change.UNCHANGED, StoreFields.withRevision(same, row.modRev()));
    }
    Resource stored = StoreFields.forUpdate(r, row.storeFields(), specChanged);
    String json = StoredForm.toJson(stored);
    String netsDelta = specChanged ? netsDelta(key, row, r) : null;
    resources.update(key, new StoredRow(row.uid(), stored.metadata().generation(), row.createdAt(),
        row.createRev(), revision, specDigest, metaDigest), stored, json);
    logChange(WatchEvent.Type.MODIFIED, key, json, netsDelta);
    return new BatchResult.Outcome(key, BatchResult.Change.UPDATED, StoreFields.withRevision(stored, revision));
  }

  void delete(ResourceKey key, String expectedVersion) throws SQLException {
    StoredRow row = resources.find(key);
    if (row == null) {
      throw new NotFoundException(key);
    }
    checkVersion(key, expectedVersion == null || expectedVersion.isBlank() ? null : expectedVersion.trim(), row);
    resources.delete(key);
    logChange(WatchEvent.Type.DELETED, key, null, null);
  }

  private static void checkVersion(ResourceKey key, String expected, StoredRow row) {
    if (expected != null && !expected.equals(Long.toString(row.modRev()))) {
      throw new ConflictException(key, expected, Long.toString(row.modRev()));
    }
  }

  /**
   * The JSON form of the nets delta of a network set whose labels stay (annotations may
   * change: an import records its source there) and whose nets change by at most as many
   * entries as the list holds ({@link NetsDelta#ifSmall}), else null. Reads the old nets with a
   * streaming pass: this write then costs about as much again as its encoding, and watchers save
   * a full decode.
   */
  private String netsDelta(ResourceKey key, StoredRow row, Resource r) throws SQLException {
    List<String> after = NetsDelta.netsOf(r);
    if (after == null || !resources.labels(key).equals(r.metadata().labels())) {
      return null;
    }
    List<String> before = StoredNets.nets(resources.json(key));
    return NetsDelta.ifSmall(row.modRev(), before, after).map(StoredNets::toJson).orElse(null);
  }

  private void logChange(WatchEvent.Type type, ResourceKey key, String json, String netsDelta) throws SQLException {
    log.append(revision, seq++, type, key, json, netsDelta);
    bytes += (json == null ? 0 : json.length()) + (netsDelta == null ? 0 : netsDelta.length());
  }

  /** Advances the revision counter if anything changed, then applies the retention policy. */
  void finish(SqliteOptions options) throws SQLException {
    if (seq == 0) {
      return;
    }
    MetaTable.set(c, MetaTable.REVISION, revision);
    MetaTable.set(c, MetaTable.LOG_BYTES, MetaTable.get(c, MetaTable.LOG_BYTES) + bytes);
    log.recordRevision(revision, now.toEpochMilli(), bytes);
    ChangeLogCompactor.afterWrite(c, options, now);
  }

  /** The revision this transaction commits at, or the current one if it changed nothing. */
  long resultRevision() {
    return seq == 0 ? revision - 1 : revision;
  }

  @Override
  public void close() throws SQLException {
    try {
      resources.close();
    } finally {
      log.close();
    }
  }
}
