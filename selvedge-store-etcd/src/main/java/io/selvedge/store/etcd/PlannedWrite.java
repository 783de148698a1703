package io.selvedge.store.etcd;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What one resource's write will do, decided from what is stored now: the datastore's write
 * rules (preconditions, unchanged detection, store-owned metadata, exactly as
 * {@link StoreFields} and the SQLite backend apply them) without touching etcd. The txn that
 * carries it is guarded by the observed head revision, so if the head changed meanwhile the
 * write is planned again.
 *
 * @param stored the resource as it will be stored (no resourceVersion)
 * @param observed the head as read (null if absent)
 * @param document the stored JSON, null if unchanged
 * @param netsDelta the nets delta this update records in its head, or null ({@link #withNetsDelta})
 */
record PlannedWrite(ResourceKey key, BatchResult.Change change, Resource stored, Observed observed,
    byte[] document, String specDigest, String metaDigest, String writeId, NetsDelta netsDelta) {

  /** How a write treats existence: must not exist, must exist, or either. */
  enum Mode { CREATE, UPDATE, APPLY }

  /** A head as read: its key-value and decoded header. */
  record Observed(KeyValue kv, StoredHead head) {
    static Observed of(KeyValue kv) {
      return kv == null ? null : new Observed(kv, StoredHead.decode(kv.key(), kv.value()).head());
    }

    long revision() {
      return kv.modRevision();
    }
  }

  /**
   * @throws NotFoundException for an update of a missing resource
   * @throws AlreadyExistsException for a create of an existing one
   * @throws ConflictException if the resource names a resourceVersion that is not the stored one
   */
  static PlannedWrite plan(Resource r, Mode mode, Observed current, Instant now, String writeId) {
    ResourceKey key = ResourceKey.of(r);
    if (current == null && mode == Mode.UPDATE) {
      throw new NotFoundException(key);
    }
    if (current != null && mode == Mode.CREATE) {
      throw new AlreadyExistsException(key);
    }
    if (current != null) {
      checkVersion(key, StoreFields.expectedVersion(r), current);
    }
    String specDigest = ContentDigest.spec(r);
    String metaDigest = ContentDigest.metadata(r);
    if (current == null) {
      Resource stored = StoreFields.forCreate(r, now);
      return new PlannedWrite(key, BatchResult.Change.CREATED, stored, null, json(stored), specDigest, metaDigest,
          writeId, null);
    }
    StoredHead head = current.head();
    boolean specChanged = !specDigest.equals(head.specDigest());
    if (!specChanged && metaDigest.equals(head.metaDigest())) {
      Resource same = StoreFields.forUpdate(r, head.storeFields(), false);
      return new PlannedWrite(key, BatchResult.Change.UNCHANGED, same, current, null, specDigest, metaDigest, writeId,
          null);
    }
    Resource stored = StoreFields.forUpdate(r, head.storeFields(), specChanged);
    return new PlannedWrite(key, BatchResult.Change.UPDATED, stored, current, json(stored), specDigest, metaDigest,
        writeId, null);
  }

  /**
   * Whether this is an update of a network set's nets that keeps its labels, which may record a
   * nets delta.
   */
  boolean changesOnlyNets() {
    return change == BatchResult.Change.UPDATED && NetsDelta.netsOf(stored) != null
        && !specDigest.equals(observed.head().specDigest()) && observed.head().labels().equals(stored.metadata().labels());
  }

  PlannedWrite withNetsDelta(NetsDelta delta) {
    return new PlannedWrite(key, change, stored, observed, document, specDigest, metaDigest, writeId, delta);
  }

  /** @throws ConflictException if {@code expected} is given and is not the stored revision */
  static void checkVersion(ResourceKey key, String expected, Observed current) {
    String actual = Long.toString(current.revision());
    if (expected != null && !expected.equals(actual)) {
      throw new ConflictException(key, expected, actual);
    }
  }

  private static byte[] json(Resource stored) {
    return StoredForm.toJson(stored).getBytes(StandardCharsets.UTF_8);
  }

  boolean writes() {
    return change != BatchResult.Change.UNCHANGED;
  }

  /** Whether the document goes into chunk keys rather than the head. */
  boolean chunked(EtcdSettings settings) {
    return document != null && document.length > settings.inlineBytes();
  }

  /** The head for this write; {@code chunks} null for an inline document. */
  StoredHead newHead(StoredHead.ChunkRef chunks) {
    return new StoredHead(stored.metadata().uid(), stored.metadata().creationTimestamp(),
        stored.metadata().generation(), stored.metadata().labels(), specDigest, metaDigest, writeId, chunks, netsDelta);
  }

  /** The old head's chunk tag, which this write deletes (null if none). */
  String oldChunkTag() {
    return observed == null || observed.head().chunks() == null ? null : observed.head().chunks().tag();
  }

  /** The outcome once committed at {@code revision}. */
  BatchResult.Outcome outcome(long revision) {
    long rev = writes() ? revision : observed.revision();
    return new BatchResult.Outcome(key, change, StoreFields.withRevision(stored, rev));
  }
}
