package io.selvedge.store.etcd;

import static io.selvedge.store.TestResources.gns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.ConflictException;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreContractTest;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.PartialWriteException;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.RecordingListener;
import io.selvedge.store.RecordingListener.Events;
import io.selvedge.store.RecordingListener.Snapshot;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.TestResources;
import io.selvedge.store.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite against one real etcd member (started once for the class; every test
 * begins with an empty keyspace), plus what only the etcd backend has: key layout, chunked
 * documents, batches split over several transactions.
 */
class EtcdDatastoreTest extends DatastoreContractTest {
  @TempDir
  static Path dir;
  static EtcdProcess etcd;
  static DatastoreUrl url;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdProcess.single(dir);
    url = DatastoreUrl.parse("etcd:" + etcd.clientUrl());
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Datastore newDatastore() {
    RawEtcd.of(url).deleteEverything();
    return EtcdDatastore.open(url, DatastoreOptions.defaults());
  }

  @Override
  protected Datastore connectAgain() {
    return DatastoreFactory.open(url);
  }

  @Override
  protected String childProcessUrl() {
    return url.toString();
  }

  @Override
  protected void compact(Datastore datastore, long revision) {
    ((EtcdDatastore) datastore).compact(Math.min(revision + 1, datastore.currentRevision()));
  }

  private EtcdDatastore open(EtcdSettings settings) {
    return closeLater(EtcdDatastore.open(url, DatastoreOptions.defaults(), settings));
  }

  // -- layout -------------------------------------------------------------------------------

  @Test
  void resourcesLiveUnderTheDocumentedKeysAndResourceVersionIsTheModRevision() {
    Resource g = ds.create(gns("blocklist", Map.of("role", "bad"), "192.0.2.0/24"));
    Resource n = ds.create(TestResources.netset("prod", "web", Map.of(), "10.0.0.0/24"));
    RawEtcd raw = RawEtcd.of(url);
    KeyValue gk = raw.get("/selvedge/v1/resources/globalnetworksets/blocklist");
    KeyValue nk = raw.get("/selvedge/v1/resources/networksets/prod/web");
    assertThat(Long.toString(gk.modRevision())).isEqualTo(g.metadata().resourceVersion());
    assertThat(Long.toString(nk.modRevision())).isEqualTo(n.metadata().resourceVersion());
    String value = new String(gk.value(), StandardCharsets.UTF_8);
    String[] parts = value.split("\n", 2);
    assertThat(parts[0]).contains("\"uid\":\"" + g.metadata().uid() + "\"").contains("\"labels\":{\"role\":\"bad\"}");
    assertThat(parts[1]).contains("192.0.2.0/24").doesNotContain("resourceVersion");
    assertThat(raw.keys("/selvedge/v1/chunks/")).isEmpty();
  }

  @Test
  void largeDocumentsAreChunkedAndOldChunksGoWithTheirVersion() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(128, 1_572_864, 4096, 4096));
    List<String> nets = TestResources.cidrs(2000); // ~40 kB of JSON: ~10 chunks
    Resource v1 = small.create(new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(nets)));
    RawEtcd raw = RawEtcd.of(url);
    List<String> chunks1 = raw.keys("/selvedge/v1/chunks/globalnetworksets/big/");
    assertThat(chunks1).hasSizeGreaterThan(5);
    assertThat(raw.get("/selvedge/v1/resources/globalnetworksets/big").value().length).isLessThan(1024);
    assertThat(small.get(Kind.GLOBAL_NETWORK_SET, null, "big")).contains(v1);

    Resource v2 = small.apply(new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(nets.subList(1, 2000))));
    List<String> chunks2 = raw.keys("/selvedge/v1/chunks/globalnetworksets/big/");
    assertThat(chunks2).isNotEmpty().doesNotContainAnyElementsOf(chunks1);
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "big")).contains(v2); // default settings read it too

    // Shrinking below the inline size drops the chunks; deleting removes everything.
    small.apply(gns("big", "10.0.0.1/32"));
    assertThat(raw.keys("/selvedge/v1/chunks/")).isEmpty();
    small.apply(new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(nets)));
    small.delete(Kind.GLOBAL_NETWORK_SET, null, "big", null);
    assertThat(raw.keys("/selvedge/v1/")).isEmpty();
  }

  @Test
  void aWatchDeliversChunkedDocumentsWhole() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(128, 1_572_864, 4096, 4096));
    RecordingListener l = new RecordingListener();
    closeLater(small.watch(0, l));
    l.next(Snapshot.class);
    Resource big = small.create(new GlobalNetworkSet(ObjectMeta.named("big"),
        new NetworkSetSpec(TestResources.cidrs(3000))));
    assertThat(l.eventsThrough(small.currentRevision())).extracting(WatchEvent::resource).containsExactly(big);
  }

  @Test
  void smallNetsChangesOfInlineAndChunkedSetsCarryADeltaAndTheirDocumentOnDemand() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(128, 1_572_864, 4096, 4096));
    List<String> nets = new ArrayList<>(TestResources.cidrs(3000));   // chunked at 4 KiB
    small.create(gns("big", Map.of("feed", "x"), nets.toArray(String[]::new)));
    small.create(gns("inline", Map.of("feed", "x"), "10.0.0.1/32", "10.0.0.2/32"));
    long base = small.currentRevision();
    RecordingListener l = new RecordingListener();
    closeLater(small.watch(base, l));

    long bigBase = Long.parseLong(small.get(Kind.GLOBAL_NETWORK_SET, null, "big").get().metadata().resourceVersion());
    nets.remove("10.0.0.7/32");
    nets.add("192.0.2.1/32");
    Resource big = small.apply(gns("big", Map.of("feed", "x"), nets.toArray(String[]::new)));
    Resource inline = small.apply(gns("inline", Map.of("feed", "x"), "10.0.0.1/32"));
    small.apply(gns("inline", Map.of("feed", "y"), "10.0.0.1/32", "10.0.0.3/32"));   // labels: no delta

    List<WatchEvent> events = l.eventsThrough(small.currentRevision());
    assertThat(events).extracting(e -> e.netsDelta().orElse(null)).containsExactly(
        new NetsDelta(bigBase, List.of("10.0.0.7/32"), List.of("192.0.2.1/32")),
        new NetsDelta(base, List.of("10.0.0.2/32"), List.of()),
        null);
    assertThat(events.get(0).resource()).isEqualTo(big);
    assertThat(events.get(1).resource()).isEqualTo(inline);
  }

  @Test
  void orphanedChunksOfADeadWriterAreCollected() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(128, 1_572_864, 4096, 4096));
    RawEtcd raw = RawEtcd.of(url);
    ResourceKey key = new ResourceKey(Kind.GLOBAL_NETWORK_SET, null, "big");
    String oldTag = ChunkStore.newTag(System.currentTimeMillis() - ChunkStore.ORPHAN_AGE_MILLIS - 60_000);
    String youngTag = ChunkStore.newTag(System.currentTimeMillis());
    raw.put(KeyLayout.chunk(key, oldTag, 0), "left by a writer that died".getBytes(StandardCharsets.UTF_8));
    raw.put(KeyLayout.chunk(key, youngTag, 0), "a writer still at work".getBytes(StandardCharsets.UTF_8));
    small.create(new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(TestResources.cidrs(2000))));
    List<String> keys = raw.keys(KeyLayout.chunks(key));
    assertThat(keys).noneMatch(k -> k.contains(oldTag)).anyMatch(k -> k.contains(youngTag));
  }

  // -- batches over several transactions -----------------------------------------------------

  @Test
  void aBatchLargerThanOneTransactionIsWrittenInSeveral() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(4, 1_572_864, 1 << 20, 512 * 1024));
    List<GlobalNetworkSet> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(gns("s" + i, "10.0.0." + i + "/32"));
    }
    RecordingListener l = new RecordingListener();
    closeLater(small.watch(0, l));
    l.next(Snapshot.class);
    List<int[]> progress = new ArrayList<>();
    BatchResult r = small.applyAll(batch, (done, total) -> progress.add(new int[] {done, total}));
    assertThat(r.created()).hasSize(10);
    // Four resources per transaction (etcd limit 4 here): three revisions, 4 + 4 + 2.
    assertThat(r.outcomes().stream().map(o -> o.stored().metadata().resourceVersion()).distinct()).hasSize(3);
    assertThat(r.revision()).isEqualTo(small.currentRevision());
    assertThat(progress.get(progress.size() - 1)).containsExactly(10, 10);
    List<Events> deliveries = new ArrayList<>();
    while (deliveries.stream().mapToInt(e -> e.events().size()).sum() < 10) {
      deliveries.add(l.next(Events.class));
    }
    assertThat(deliveries).hasSize(3);
    assertThat(small.list(Kind.GLOBAL_NETWORK_SET, null, null)).hasSize(10);
  }

  @Test
  void aFailureAfterTheFirstTransactionSaysExactlyWhatWasWritten() {
    EtcdDatastore small = open(EtcdSettings.defaults().withLimits(2, 1_572_864, 1 << 20, 512 * 1024));
    Resource x = ds.create(gns("x", "10.9.9.9/32"));
    List<GlobalNetworkSet> batch = List.of(gns("a", "10.0.0.1/32"), gns("b", "10.0.0.2/32"),
        TestResources.withVersion(gns("x", "10.0.0.3/32"), x.metadata().resourceVersion()), gns("c", "10.0.0.4/32"));
    AtomicBoolean interfered = new AtomicBoolean();
    ProgressListener meddler = (done, total) -> {
      // After the first transaction (a, b), someone else changes x.
      if (done == 2 && interfered.compareAndSet(false, true)) {
        ds.update(gns("x", "10.8.8.8/32"));
      }
    };
    assertThatThrownBy(() -> small.applyAll(batch, meddler))
        .isInstanceOfSatisfying(PartialWriteException.class, e -> {
          assertThat(e.written().created()).extracting(ResourceKey::name).containsExactly("a", "b");
          assertThat(e.notWritten()).extracting(ResourceKey::name).containsExactly("x", "c");
          assertThat(e.getCause()).isInstanceOf(ConflictException.class);
          assertThat(e.getMessage()).contains("2 resources were written before the failure, 2 were not");
        });
    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, null, null)).extracting(r -> r.metadata().name())
        .containsExactly("a", "b", "x");
  }
}
