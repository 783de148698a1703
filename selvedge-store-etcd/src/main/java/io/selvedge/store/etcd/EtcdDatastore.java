package io.selvedge.store.etcd;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.LabelFilter;
import io.selvedge.store.NodeStatus;
import io.selvedge.store.NodeStatusJson;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.UnavailableException;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.net.ssl.SSLContext;

/**
 * The datastore on an etcd v3 cluster ({@code etcd:http://h1:2379,http://h2:2379}, or
 * {@code etcds:https://...} with the TLS files of {@link DatastoreOptions}), spoken to through
 * etcd's JSON gateway with {@code java.net.http} (no client library; see
 * {@code docs/design/etcd-layout.md} for why, for the key layout and for how large documents are
 * chunked).
 *
 * <p>Mapping of the store API: a resource is one head key under {@code /selvedge/v1/resources/};
 * its resourceVersion is the head's etcd mod revision and {@link #currentRevision()} is the
 * cluster's revision (so other programs' writes to the same etcd move it too). A create is a txn
 * {@code If(create_revision == 0)}, every other write a txn {@code If(mod_revision == seen)}, so
 * nothing is overwritten unseen ({@link ResourceWriter}). Lists range over a kind's prefix page
 * by page at one revision and filter labels on the client ({@link ResourceReader}). Watches
 * follow an etcd watch stream with failover ({@link EtcdWatch}).
 *
 * <p>Batches ({@link #applyAll}): one transaction if the batch fits etcd's limits (atomic, one
 * revision), else as few as fit, in order; a failure after the first throws
 * {@link io.selvedge.store.PartialWriteException} naming what was written.
 *
 * <p>Does not validate resources, start etcd, or compact history on its own (etcd's
 * {@code --auto-compaction-*} does; {@link #compact} is for tests and maintenance).
 *
 * <p>Thread safety: safe for any number of threads; calls run in parallel on pooled HTTP
 * connections. Each watch has its own thread and streaming connection.
 */
public final class EtcdDatastore implements Datastore {
  private final DatastoreUrl url;
  private final KvClient kv;
  private final ResourceReader reader;
  private final ResourceWriter writer;
  private final EtcdSettings settings;
  private final Set<EtcdWatch> watches = new CopyOnWriteArraySet<>();
  private volatile boolean closed;

  private EtcdDatastore(DatastoreUrl url, SSLContext tls, EtcdSettings settings, Clock clock) {
    this.url = url;
    this.settings = settings;
    this.kv = new KvClient(new GatewayClient(url, tls, settings));
    ChunkStore chunks = new ChunkStore(kv, settings.chunkBytes());
    this.reader = new ResourceReader(kv, chunks);
    this.writer = new ResourceWriter(url, kv, chunks, settings, clock);
  }

  /**
   * Connects to the cluster and checks that it answers.
   *
   * @throws UnavailableException naming the URL and why (no endpoint answers, a TLS file cannot be
   *     used, TLS handshake fails)
   */
  public static EtcdDatastore open(DatastoreUrl url, DatastoreOptions options, EtcdSettings settings) {
    Objects.requireNonNull(options, "options");
    if (url.scheme() == DatastoreUrl.Scheme.SQLITE) {
      throw new IllegalArgumentException(url + " is not an etcd URL");
    }
    SSLContext tls = null;
    if (url.scheme() == DatastoreUrl.Scheme.ETCDS) {
      try {
        tls = PemSslContext.load(options);
      } catch (PemSslContext.PemException e) {
        throw new UnavailableException(url.toString(), e.getMessage(), e);
      }
    } else if (options.caFile() != null || options.certFile() != null) {
      throw new UnavailableException(url.toString(),
          "--ca/--cert/--key need a TLS datastore URL (etcds:https://...)");
    }
    EtcdDatastore ds = new EtcdDatastore(url, tls, settings, Clock.systemUTC());
    ds.currentRevision(); // fail now, with the reason, if the cluster cannot be reached
    return ds;
  }

  /** {@link #open(DatastoreUrl, DatastoreOptions, EtcdSettings)} with default settings. */
  public static EtcdDatastore open(DatastoreUrl url, DatastoreOptions options) {
    return open(url, options, EtcdSettings.defaults());
  }

  @Override
  public DatastoreUrl url() {
    return url;
  }

  /** The settings in use. */
  public EtcdSettings settings() {
    return settings;
  }

  @Override
  public Optional<Resource> get(Kind kind, String namespace, String name) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    checkOpen();
    try {
      return reader.get(key);
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, String labelSelector) {
    Objects.requireNonNull(kind, "kind");
    LabelFilter filter = LabelFilter.parse(labelSelector);
    String ns = kind.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
    checkOpen();
    try {
      return reader.list(kind, ns, filter);
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  @Override
  public Resource create(Resource resource) {
    return writeOne(resource, PlannedWrite.Mode.CREATE);
  }

  @Override
  public Resource update(Resource resource) {
    return writeOne(resource, PlannedWrite.Mode.UPDATE);
  }

  @Override
  public Resource apply(Resource resource) {
    return writeOne(resource, PlannedWrite.Mode.APPLY);
  }

  private Resource writeOne(Resource resource, PlannedWrite.Mode mode) {
    Objects.requireNonNull(resource, "resource");
    ResourceKey.of(resource); // rejects bad keys before any I/O
    checkOpen();
    return writer.write(List.of(resource), mode, ProgressListener.NONE).outcomes().get(0).stored();
  }

  @Override
  public void delete(Kind kind, String namespace, String name, String expectedResourceVersion) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    checkOpen();
    String expected = expectedResourceVersion == null || expectedResourceVersion.isBlank() ? null
        : expectedResourceVersion.trim();
    writer.delete(key, expected);
  }

  @Override
  public BatchResult applyAll(List<? extends Resource> resources, ProgressListener progress) {
    Objects.requireNonNull(progress, "progress");
    Set<ResourceKey> seen = new HashSet<>();
    for (Resource r : resources) {
      ResourceKey k = ResourceKey.of(r);
      if (!seen.add(k)) {
        throw new IllegalArgumentException(k + " appears more than once in the batch");
      }
    }
    checkOpen();
    return writer.write(resources, PlannedWrite.Mode.APPLY, progress);
  }

  @Override
  public long currentRevision() {
    checkOpen();
    try {
      return kv.currentRevision();
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  @Override
  public void reportNodeStatus(NodeStatus status) {
    Objects.requireNonNull(status, "status");
    checkOpen();
    try {
      kv.put(KeyLayout.nodeStatus(status.node()), NodeStatusJson.toJson(status));
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  @Override
  public List<NodeStatus> listNodeStatus() {
    checkOpen();
    try {
      List<NodeStatus> out = new ArrayList<>();
      for (KeyValue k : kv.range(KeyLayout.NODE_STATUS, KeyLayout.prefixEnd(KeyLayout.NODE_STATUS), 0, 0, false).kvs()) {
        try {
          out.add(NodeStatusJson.fromJson(k.value()));
        } catch (IllegalArgumentException e) {
          // not written by an agent (another program's key under our prefix): not a node
        }
      }
      out.sort(Comparator.comparing(NodeStatus::node));
      return out;
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  @Override
  public boolean deleteNodeStatus(String node) {
    Objects.requireNonNull(node, "node");
    checkOpen();
    if (!NodeStatus.isValidNodeName(node)) {
      return false;   // could not have reported; and must not become a key range
    }
    try {
      return kv.delete(KeyLayout.nodeStatus(node));
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On etcd: heads modified after {@code revision} (filtered by the server, keys only), plus
   * deletions, which leave no head: the head count at {@code revision}, less those still there
   * (the count now less the heads created since). Three small range reads; if {@code revision}
   * is compacted, deletions are not counted.
   */
  @Override
  public long resourcesChangedSince(long revision) {
    checkOpen();
    try {
      KvClient.Count now = kv.countPrefix(KeyLayout.RESOURCES, 0);
      if (revision >= now.revision()) {
        return 0;
      }
      List<KeyValue> modified = kv.keysModifiedAfter(KeyLayout.RESOURCES, revision, now.revision());
      long created = modified.stream().filter(k -> k.createRevision() > revision).count();
      long then;
      try {
        then = revision == 0 ? 0 : kv.countPrefix(KeyLayout.RESOURCES, revision).count();
      } catch (GatewayException e) {
        if (e.kind() != GatewayException.Kind.COMPACTED) {
          throw e;
        }
        return modified.size();
      }
      long deleted = Math.max(0, then - (now.count() - created));
      return modified.size() + deleted;
    } catch (GatewayException e) {
      throw EtcdErrors.translate(url, e);
    }
  }

  /**
   * Compacts etcd's history before {@code revision} (etcd's {@code Compact}: events at
   * {@code revision} and later stay watchable) and waits until it is applied. Watches resuming
   * from below it get {@link WatchListener#onResync}. Compacting at or below an earlier
   * compaction does nothing.
   */
  public void compact(long revision) {
    checkOpen();
    try {
      kv.compact(revision);
    } catch (GatewayException e) {
      if (e.kind() != GatewayException.Kind.COMPACTED) {
        throw EtcdErrors.translate(url, e);
      }
    }
  }

  @Override
  public Watch watch(long fromRevision, WatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    EtcdWatch w = new EtcdWatch(url, kv, reader, settings, fromRevision, listener, watches::remove);
    watches.add(w);
    w.start();
    return w;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EtcdWatch w : watches) {
      w.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(url + " is closed");
    }
  }
}
