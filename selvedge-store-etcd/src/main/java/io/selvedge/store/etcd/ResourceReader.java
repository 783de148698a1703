package io.selvedge.store.etcd;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.LabelFilter;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.StoreFields;
import io.selvedge.store.StoredForm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads resources: one head, or a range of heads page by page at one revision (so a list or a
 * snapshot is a consistent cut), resolving chunked documents. Label selectors are evaluated on
 * the labels in each head, so documents of non-matching resources are never read or decoded.
 * Thread-safe.
 *
 * <p>Cost: a get is one range request (plus one per {@value #PAGE} chunks for a large document);
 * a list is one request per {@value #PAGE} heads.
 */
final class ResourceReader {
  /** Heads per range request (etcd answers are not size-limited by default, but keep them modest). */
  static final int PAGE = 256;
  private static final int ATTEMPTS = 10;

  /** Resources at one revision. */
  record Snapshot(long revision, List<Resource> resources) { }

  /** A head that names chunks which are gone (the resource was replaced meanwhile). */
  static final class ChunksGone extends DatastoreException {
    private static final long serialVersionUID = 1L;

    ChunksGone(ResourceKey key) {
      super(key + " kept changing while it was being read (its large document was replaced); try again");
    }
  }

  private final KvClient kv;
  private final ChunkStore chunks;

  ResourceReader(KvClient kv, ChunkStore chunks) {
    this.kv = kv;
    this.chunks = chunks;
  }

  /** The resource a head holds, with resourceVersion = the head's mod revision. */
  Resource decode(ResourceKey key, KeyValue head, long readRevision) {
    return decode(key, head, StoredHead.decode(head.key(), head.value()), readRevision);
  }

  private Resource decode(ResourceKey key, KeyValue head, StoredHead.Decoded d, long readRevision) {
    byte[] doc = d.inlineDocument();
    if (doc == null) {
      doc = chunks.read(key, d.head().chunks(), Math.max(readRevision, head.modRevision()))
          .orElseThrow(() -> new ChunksGone(key));
    }
    Resource r = StoredForm.fromJson(key.kind(), new String(doc, StandardCharsets.UTF_8));
    return StoreFields.withRevision(r, head.modRevision());
  }

  Optional<Resource> get(ResourceKey key) {
    for (int attempt = 1; ; attempt++) {
      KvClient.Range r = kv.get(KeyLayout.head(key));
      if (r.kvs().isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(decode(key, r.kvs().get(0), r.revision()));
      } catch (ChunksGone e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Resources of a kind (one namespace, or all for null) matching {@code filter}, in key order. */
  List<Resource> list(Kind kind, String namespace, LabelFilter filter) {
    String prefix = namespace == null ? KeyLayout.kindPrefix(kind) : KeyLayout.namespacePrefix(kind, namespace);
    return scan(prefix, filter).resources();
  }

  /** Every resource of every kind at one revision. */
  Snapshot snapshot() {
    return scan(KeyLayout.RESOURCES, LabelFilter.parse(null));
  }

  private Snapshot scan(String prefix, LabelFilter filter) {
    for (int attempt = 1; ; attempt++) {
      try {
        return scanOnce(prefix, filter);
      } catch (ChunksGone e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      } catch (GatewayException e) {
        // compacted past our revision between pages: start again at the latest
        if (e.kind() != GatewayException.Kind.COMPACTED || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Snapshot scanOnce(String prefix, LabelFilter filter) {
    String end = KeyLayout.prefixEnd(prefix);
    List<Resource> out = new ArrayList<>();
    List<ResourceKey> keys = new ArrayList<>();
    long revision = 0;
    String from = prefix;
    while (true) {
      KvClient.Range page = kv.range(from, end, revision, PAGE, false);
      revision = revision == 0 ? page.revision() : revision;
      for (KeyValue h : page.kvs()) {
        Optional<ResourceKey> key = KeyLayout.parseHead(h.key());
        if (key.isEmpty()) {
          continue; // not a head of ours (another program's key under our prefix)
        }
        StoredHead.Decoded d = StoredHead.decode(h.key(), h.value());
        if (filter.matches(d.head().labels())) {
          out.add(decode(key.get(), h, d, revision));
          keys.add(key.get());
        }
      }
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    // Keys sort bytewise ("m-x/a" before "m/a"); the API orders by namespace, then name.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(keys::get));
    List<Resource> sorted = new ArrayList<>(out.size());
    for (int i : order) {
      sorted.add(out.get(i));
    }
    return new Snapshot(revision, sorted);
  }
}
