package io.selvedge.store.etcd;

import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.NotFoundException;
import io.selvedge.store.PartialWriteException;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.StoredNets;
import io.selvedge.store.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes resources to etcd: reads their heads, plans each write ({@link PlannedWrite}), packs
 * the writes into transactions ({@link TxnPacker}) and commits them one after the other.
 *
 * <p>Each transaction compares every head's revision with the one read (so nothing is
 * overwritten that was not seen) and reads the heads back in its failure branch; when a compare
 * fails the affected writes are planned again from what is there now, which either throws the
 * caller's error (conflict, not found, already exists) or retries. A batch that fits one
 * transaction is atomic; a larger one is written group by group, and a failure after the first
 * group throws {@link PartialWriteException} listing what was and was not written.
 *
 * <p>Lost connections: every head carries the id of the write that made it. When a commit's
 * outcome is unknown (the endpoint died after the request left), the heads are read again (from
 * another endpoint): if they carry our write id the commit happened; if not, the write is planned
 * again against the heads read — its compare then rules out a late commit of the first attempt.
 * So a write is applied at most once and reported exactly.
 *
 * <p>Large documents: chunks are written before the transaction that switches the head to them
 * ({@link ChunkStore}); that transaction also deletes the previous version's chunks.
 * Thread-safe (no state besides its collaborators).
 */
final class ResourceWriter {
  private static final int ATTEMPTS = 50;

  private final DatastoreUrl url;
  private final KvClient kv;
  private final ChunkStore chunks;
  private final EtcdSettings settings;
  private final Clock clock;

  ResourceWriter(DatastoreUrl url, KvClient kv, ChunkStore chunks, EtcdSettings settings, Clock clock) {
    this.url = url;
    this.kv = kv;
    this.chunks = chunks;
    this.settings = settings;
    this.clock = clock;
  }

  /** Writes resources (no two with one key) with {@code mode}; returns outcomes in input order. */
  BatchResult write(List<? extends Resource> resources, PlannedWrite.Mode mode, ProgressListener progress) {
    int total = resources.size();
    Map<ResourceKey, String> writeIds = new HashMap<>();
    List<ResourceKey> keys = new ArrayList<>(total);
    for (Resource r : resources) {
      ResourceKey k = ResourceKey.of(r);
      keys.add(k);
      writeIds.put(k, UUID.randomUUID().toString());
    }
    Map<ResourceKey, Resource> input = new HashMap<>();
    for (Resource r : resources) {
      input.put(ResourceKey.of(r), r);
    }
    Heads heads;
    List<PlannedWrite> plans = new ArrayList<>(total);
    try {
      heads = readHeads(keys);
      for (Resource r : resources) {
        ResourceKey k = ResourceKey.of(r);
        plans.add(withNetsDelta(PlannedWrite.plan(r, mode, heads.get(k), clock.instant(), writeIds.get(k))));
      }
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
    Map<ResourceKey, BatchResult.Outcome> done = new HashMap<>();
    List<PlannedWrite> pending = new ArrayList<>();
    for (PlannedWrite p : plans) {
      if (p.writes()) {
        pending.add(p);
      } else {
        done.put(p.key(), p.outcome(0));
      }
    }
    int finished = done.size();
    if (finished > 0) {
      progress.progress(finished, total);
    }
    long revision = heads.revision();
    List<List<PlannedWrite>> groups = TxnPacker.pack(pending, settings);
    List<BatchResult.Outcome> committed = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<PlannedWrite> group = groups.get(g);
      List<BatchResult.Outcome> outcomes;
      try {
        outcomes = commit(group, input, mode);
      } catch (DatastoreException | GatewayException e) {
        DatastoreException cause = e instanceof GatewayException ge ? EtcdErrors.translate(url, ge)
            : (DatastoreException) e;
        if (committed.isEmpty()) {
          throw cause;
        }
        List<ResourceKey> notWritten = new ArrayList<>();
        for (int h = g; h < groups.size(); h++) {
          groups.get(h).forEach(p -> notWritten.add(p.key()));
        }
        throw new PartialWriteException(new BatchResult(committed, revision), notWritten, cause);
      }
      for (BatchResult.Outcome o : outcomes) {
        done.put(o.key(), o);
        if (o.change() != BatchResult.Change.UNCHANGED) {
          committed.add(o);
          revision = Math.max(revision, Long.parseLong(o.stored().metadata().resourceVersion()));
        }
        progress.progress(++finished, total);
      }
    }
    List<BatchResult.Outcome> ordered = new ArrayList<>(total);
    for (ResourceKey k : keys) {
      ordered.add(done.get(k));
    }
    return new BatchResult(ordered, revision);
  }

  /**
   * The write with its nets delta, if it updates a network set's nets (labels kept) by a delta
   * small enough for a head ({@link NetsDelta#ifSmall}, at most {@link EtcdSettings#inlineBytes()}).
   * Reads the old document (its chunks at the observed revision) and its nets with a streaming
   * pass; if the chunks are gone the write goes without a delta.
   */
  private PlannedWrite withNetsDelta(PlannedWrite p) {
    if (!p.changesOnlyNets()) {
      return p;
    }
    StoredHead.Decoded old = StoredHead.decode(p.observed().kv().key(), p.observed().kv().value());
    Optional<byte[]> doc = old.inlineDocument() != null ? Optional.of(old.inlineDocument())
        : chunks.read(p.key(), old.head().chunks(), p.observed().revision());
    if (doc.isEmpty()) {
      return p;
    }
    List<String> before = StoredNets.nets(new String(doc.get(), StandardCharsets.UTF_8));
    return NetsDelta.ifSmall(p.observed().revision(), before, NetsDelta.netsOf(p.stored()))
        .filter(d -> StoredHead.bytes(d) <= settings.inlineBytes())
        .map(p::withNetsDelta)
        .orElse(p);
  }

  /** Commits one group in one txn, planning again while heads change under it. */
  private List<BatchResult.Outcome> commit(List<PlannedWrite> group, Map<ResourceKey, Resource> input,
      PlannedWrite.Mode mode) {
    List<PlannedWrite> plans = new ArrayList<>(group);
    List<BatchResult.Outcome> unchanged = new ArrayList<>();
    boolean maybeApplied = false;
    for (int attempt = 1; ; attempt++) {
      Map<ResourceKey, StoredHead.ChunkRef> written = writeChunks(plans);
      Txn txn = new Txn();
      for (PlannedWrite p : plans) {
        String head = KeyLayout.head(p.key());
        if (p.observed() == null) {
          txn.absent(head);
        } else {
          txn.modifiedAt(head, p.observed().revision());
        }
        StoredHead.ChunkRef ref = written.get(p.key());
        if (ref != null) {
          txn.exists(KeyLayout.chunk(p.key(), ref.tag(), 0));
        }
        txn.put(head, p.newHead(ref).encode(ref == null ? p.document() : null));
        if (p.oldChunkTag() != null) {
          txn.deletePrefix(KeyLayout.chunkTag(p.key(), p.oldChunkTag()));
        }
        txn.getOnFailure(head);
      }
      Heads now;
      try {
        KvClient.TxnResult result = kv.txn(txn, false);
        if (result.succeeded()) {
          afterCommit(written);
          return merge(unchanged, plans, result.revision());
        }
        now = Heads.of(result.reads(), result.revision());
      } catch (GatewayException e) {
        if (e.kind() != GatewayException.Kind.AMBIGUOUS) {
          discard(written);
          throw e;
        }
        maybeApplied = true;
        now = readHeadsAfter(e, plans.stream().map(PlannedWrite::key).toList());
      }
      if (maybeApplied) {
        Long applied = appliedRevision(plans, now);
        if (applied != null) {
          afterCommit(written);
          return merge(unchanged, plans, applied);
        }
      }
      discard(written);
      if (attempt == ATTEMPTS) {
        throw new UnavailableException(url.toString(), "gave up writing " + plans.get(0).key()
            + " after " + ATTEMPTS + " attempts: other writers keep changing it");
      }
      List<PlannedWrite> again = new ArrayList<>();
      for (PlannedWrite p : plans) {
        PlannedWrite q = withNetsDelta(
            PlannedWrite.plan(input.get(p.key()), mode, now.get(p.key()), clock.instant(), p.writeId()));
        if (q.writes()) {
          again.add(q);
        } else {
          unchanged.add(q.outcome(0));
        }
      }
      plans = again;
      if (plans.isEmpty()) {
        return unchanged;
      }
    }
  }

  /** Reads heads to settle an ambiguous commit; if that fails too, the outcome stays unknown. */
  private Heads readHeadsAfter(GatewayException ambiguous, List<ResourceKey> keys) {
    try {
      return readHeads(keys);
    } catch (GatewayException e) {
      throw new GatewayException(GatewayException.Kind.AMBIGUOUS, ambiguous.getMessage() + "; then: "
          + e.getMessage(), e);
    }
  }

  private static List<BatchResult.Outcome> merge(List<BatchResult.Outcome> unchanged, List<PlannedWrite> plans,
      long revision) {
    List<BatchResult.Outcome> out = new ArrayList<>(unchanged);
    for (PlannedWrite p : plans) {
      out.add(p.outcome(revision));
    }
    return out;
  }

  /** The revision at which an earlier attempt of these writes committed, or null if it did not. */
  private static Long appliedRevision(List<PlannedWrite> plans, Heads now) {
    for (PlannedWrite p : plans) {
      PlannedWrite.Observed o = now.get(p.key());
      if (o != null && o.head().writeId().equals(p.writeId())) {
        return o.revision();
      }
    }
    return null;
  }

  private Map<ResourceKey, StoredHead.ChunkRef> writeChunks(List<PlannedWrite> plans) {
    Map<ResourceKey, StoredHead.ChunkRef> refs = new HashMap<>();
    try {
      for (PlannedWrite p : plans) {
        if (p.chunked(settings)) {
          String tag = ChunkStore.newTag(clock.millis());
          refs.put(p.key(), chunks.write(p.key(), tag, p.document()));
        }
      }
    } catch (RuntimeException e) {
      discard(refs);
      throw e;
    }
    return refs;
  }

  private void discard(Map<ResourceKey, StoredHead.ChunkRef> written) {
    written.forEach((k, ref) -> {
      if (ref != null) {
        chunks.deleteQuietly(k, ref.tag());
      }
    });
  }

  private void afterCommit(Map<ResourceKey, StoredHead.ChunkRef> written) {
    for (ResourceKey k : written.keySet()) {
      chunks.collectOrphans(k, clock.millis(), settings.maxTxnOps());
    }
  }

  /**
   * Deletes a resource.
   *
   * @throws NotFoundException if it does not exist
   * @throws io.selvedge.store.ConflictException if {@code expected} is not the stored version
   */
  void delete(ResourceKey key, String expected) {
    String head = KeyLayout.head(key);
    boolean maybeApplied = false;
    try {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        KvClient.Range read;
        try {
          read = kv.get(head);
        } catch (GatewayException e) {
          if (maybeApplied) {
            throw new GatewayException(GatewayException.Kind.AMBIGUOUS, e.getMessage(), e);
          }
          throw e;
        }
        PlannedWrite.Observed current = PlannedWrite.Observed.of(first(read));
        if (current == null) {
          if (maybeApplied) {
            return; // our earlier attempt deleted it
          }
          throw new NotFoundException(key);
        }
        PlannedWrite.checkVersion(key, expected, current);
        Txn txn = new Txn().modifiedAt(head, current.revision()).delete(head);
        if (current.head().chunks() != null) {
          txn.deletePrefix(KeyLayout.chunkTag(key, current.head().chunks().tag()));
        }
        try {
          if (kv.txn(txn, false).succeeded()) {
            return;
          }
        } catch (GatewayException e) {
          if (e.kind() != GatewayException.Kind.AMBIGUOUS) {
            throw e;
          }
          maybeApplied = true;
        }
      }
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
    throw new UnavailableException(url.toString(), "gave up deleting " + key + " after " + ATTEMPTS
        + " attempts: other writers keep changing it");
  }

  private static KeyValue first(KvClient.Range r) {
    return r.kvs().isEmpty() ? null : r.kvs().get(0);
  }

  /** Reads the heads of {@code keys}: one range for one key, else read-only txns of up to maxTxnOps. */
  private Heads readHeads(List<ResourceKey> keys) {
    if (keys.size() == 1) {
      KvClient.Range r = kv.get(KeyLayout.head(keys.get(0)));
      return Heads.of(List.of(r.kvs()), r.revision());
    }
    List<List<KeyValue>> reads = new ArrayList<>();
    long revision = 0;
    for (int i = 0; i < keys.size(); i += settings.maxTxnOps()) {
      Txn txn = new Txn();
      for (ResourceKey k : keys.subList(i, Math.min(keys.size(), i + settings.maxTxnOps()))) {
        txn.get(KeyLayout.head(k));
      }
      KvClient.TxnResult r = kv.txn(txn, true);
      reads.addAll(r.reads());
      revision = Math.max(revision, r.revision());
    }
    if (keys.isEmpty()) {
      revision = kv.currentRevision();
    }
    return Heads.of(reads, revision);
  }

  /** Heads read at (about) one revision, by resource. */
  private record Heads(Map<ResourceKey, PlannedWrite.Observed> byKey, long revision) {
    static Heads of(List<List<KeyValue>> reads, long revision) {
      Map<ResourceKey, PlannedWrite.Observed> m = new HashMap<>();
      for (List<KeyValue> kvs : reads) {
        for (KeyValue kv : kvs) {
          KeyLayout.parseHead(kv.key()).ifPresent(k -> m.put(k, PlannedWrite.Observed.of(kv)));
        }
      }
      return new Heads(m, revision);
    }

    PlannedWrite.Observed get(ResourceKey k) {
      return byKey.get(k);
    }
  }
}
