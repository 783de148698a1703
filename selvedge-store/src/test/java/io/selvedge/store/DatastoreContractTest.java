package io.selvedge.store;

import static io.selvedge.store.TestResources.gnp;
import static io.selvedge.store.TestResources.gns;
import static io.selvedge.store.TestResources.netset;
import static io.selvedge.store.TestResources.withAnnotation;
import static io.selvedge.store.TestResources.withLabels;
import static io.selvedge.store.TestResources.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedSpec;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.store.RecordingListener.Events;
import io.selvedge.store.RecordingListener.Resync;
import io.selvedge.store.RecordingListener.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Datastore} backend must have. A backend's test extends this class
 * and supplies a fresh empty datastore per test, a second client of it, a URL a child JVM can
 * open through {@link DatastoreFactory}, and a way to compact history. Published in the
 * {@code selvedge-store} test-jar.
 *
 * <p>Assumptions kept backend-neutral: revisions only increase (their step and start are not
 * asserted); a small batch shares one revision and arrives in one {@code onEvents}; nothing is
 * timed (watch delivery is asserted to happen, with a generous timeout; latency figures belong
 * to benchmarks). Label selectors use the project's {@code Selector}.
 *
 * <p>Child processes run {@link ContractChildProcess} on this JVM's class path, so the backend's
 * {@link DatastoreProvider} must be on it.
 */
public abstract class DatastoreContractTest {

  /** A new, empty datastore, used as {@link #ds} by each test. */
  protected abstract Datastore newDatastore() throws Exception;

  /** Another client (its own connection) of the datastore last made by {@link #newDatastore}. */
  protected abstract Datastore connectAgain() throws Exception;

  /** A URL through which a child JVM reaches the same datastore. */
  protected abstract String childProcessUrl();

  /**
   * Drops change history at and below {@code revision} (at most the current revision), as the
   * backend's compaction does; afterwards a watch from a revision below {@code revision} must
   * resync. Note etcd's {@code Compact(r)} keeps revision r's events, so an etcd backend calls it
   * with {@code min(revision + 1, current)}.
   */
  protected abstract void compact(Datastore datastore, long revision) throws Exception;

  protected Datastore ds;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void openDatastore() throws Exception {
    ds = newDatastore();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    ds.close();
  }

  /** Closed after the test, in reverse order. */
  protected <T extends AutoCloseable> T closeLater(T c) {
    toClose.add(c);
    return c;
  }

  // -- create / get -------------------------------------------------------------------------

  @Test
  void createFillsStoreOwnedMetadataAndGetReturnsIt() {
    Instant before = Instant.now().minusSeconds(1);
    Resource created = ds.create(gns("blocklist", Map.of("role", "bad"), "192.0.2.0/24"));
    Instant after = Instant.now().plusSeconds(1);

    ObjectMeta m = created.metadata();
    assertThat(UUID.fromString(m.uid())).isNotNull();
    assertThat(m.generation()).isEqualTo(1L);
    assertThat(m.creationTimestamp()).endsWith("Z");
    assertThat(Instant.parse(m.creationTimestamp())).isBetween(before, after);
    assertThat(m.resourceVersion()).isEqualTo(Long.toString(ds.currentRevision()));
    assertThat(m.labels()).isEqualTo(Map.of("role", "bad"));
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "blocklist")).contains(created);
  }

  @Test
  void getOfMissingResourceIsEmpty() {
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "nothing")).isEmpty();
    assertThat(ds.get(Kind.NETWORK_SET, "default", "nothing")).isEmpty();
  }

  @Test
  void storedPolicyRoundTripsExactly() {
    GlobalNetworkPolicy p = gnp("allow-web", 100, "role == 'web'");
    Resource created = ds.create(p);
    assertThat(created.spec()).isEqualTo(p.spec());
    assertThat(ds.get(Kind.GLOBAL_NETWORK_POLICY, null, "allow-web")).contains(created);
  }

  @Test
  void storeOwnedFieldsInTheInputAreIgnored() {
    GlobalNetworkSet forged = new GlobalNetworkSet(
        new ObjectMeta("s", null, "forged-uid", null, 42L, "2001-01-01T00:00:00Z", null, null),
        new NetworkSetSpec(List.of("192.0.2.1/32")));
    Resource created = ds.create(forged);
    assertThat(created.metadata().uid()).isNotEqualTo("forged-uid");
    assertThat(created.metadata().generation()).isEqualTo(1L);
    assertThat(created.metadata().creationTimestamp()).isNotEqualTo("2001-01-01T00:00:00Z");
  }

  @Test
  void createOfExistingResourceFailsAndChangesNothing() {
    Resource first = ds.create(gns("s", "192.0.2.1/32"));
    long rev = ds.currentRevision();
    assertThatThrownBy(() -> ds.create(gns("s", "192.0.2.2/32")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("GlobalNetworkSet s already exists (use apply or replace to change it)");
    assertThat(ds.currentRevision()).isEqualTo(rev);
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).contains(first);
  }

  // -- update / apply -----------------------------------------------------------------------

  @Test
  void updateKeepsUidAndCreationTimeAndBumpsGenerationOnSpecChange() {
    Resource v1 = ds.create(gns("s", "192.0.2.1/32"));
    Resource v2 = ds.update(gns("s", "192.0.2.2/32"));
    assertThat(v2.metadata().uid()).isEqualTo(v1.metadata().uid());
    assertThat(v2.metadata().creationTimestamp()).isEqualTo(v1.metadata().creationTimestamp());
    assertThat(v2.metadata().generation()).isEqualTo(2L);
    assertThat(Long.parseLong(v2.metadata().resourceVersion()))
        .isGreaterThan(Long.parseLong(v1.metadata().resourceVersion()))
        .isEqualTo(ds.currentRevision());
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).contains(v2);
  }

  @Test
  void statusIsStoredButIsNoSpecChange() {
    GlobalThreatFeedSpec spec = new GlobalThreatFeedSpec(null, null, null, null,
        new GlobalThreatFeedSpec.GlobalNetworkSetSync(Map.of("a", "b")),
        new GlobalThreatFeedSpec.Pull("1h", new GlobalThreatFeedSpec.HttpPull(null, "http://192.0.2.1/l", null), null));
    Resource created = ds.create(new GlobalThreatFeed(ObjectMeta.named("f"), spec));
    GlobalThreatFeedStatus status = new GlobalThreatFeedStatus("2026-01-02T03:04:05Z", null,
        List.of(new GlobalThreatFeedStatus.ErrorCondition("PullFailed", "HTTP status 500")));
    Resource reported = ds.update(((GlobalThreatFeed) created).withStatus(status));
    assertThat(reported.metadata().generation()).as("a status change is not a spec change").isEqualTo(1L);
    assertThat(Long.parseLong(reported.metadata().resourceVersion()))
        .isGreaterThan(Long.parseLong(created.metadata().resourceVersion()));
    assertThat(((GlobalThreatFeed) ds.get(Kind.GLOBAL_THREAT_FEED, null, "f").orElseThrow()).status()).isEqualTo(status);
    Resource again = ds.update(((GlobalThreatFeed) reported).withStatus(status));
    assertThat(again.metadata().resourceVersion()).as("same status: unchanged").isEqualTo(reported.metadata().resourceVersion());
  }

  @Test
  void labelOrAnnotationChangeKeepsGeneration() {
    ds.create(gns("s", "192.0.2.1/32"));
    Resource relabelled = ds.update(gns("s", Map.of("a", "b"), "192.0.2.1/32"));
    assertThat(relabelled.metadata().generation()).isEqualTo(1L);
    Resource annotated = ds.update(withAnnotation(gns("s", Map.of("a", "b"), "192.0.2.1/32"), "note", "x"));
    assertThat(annotated.metadata().generation()).isEqualTo(1L);
    assertThat(annotated.metadata().annotations()).containsEntry("note", "x");
    assertThat(Long.parseLong(annotated.metadata().resourceVersion()))
        .isGreaterThan(Long.parseLong(relabelled.metadata().resourceVersion()));
  }

  @Test
  void updateOfMissingResourceFails() {
    assertThatThrownBy(() -> ds.update(gns("nope", "192.0.2.1/32")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("GlobalNetworkSet nope not found");
  }

  @Test
  void updateWithStaleResourceVersionConflictsAndWritesNothing() {
    Resource v1 = ds.create(gns("s", "192.0.2.1/32"));
    Resource v2 = ds.update(gns("s", "192.0.2.2/32"));
    long rev = ds.currentRevision();
    String stale = v1.metadata().resourceVersion();
    String actual = v2.metadata().resourceVersion();

    assertThatThrownBy(() -> ds.update(withVersion(gns("s", "192.0.2.3/32"), stale)))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(stale);
          assertThat(e.actualVersion()).isEqualTo(actual);
          assertThat(e.key()).isEqualTo(new ResourceKey(Kind.GLOBAL_NETWORK_SET, null, "s"));
        })
        .hasMessage("GlobalNetworkSet s was changed by someone else: you have resourceVersion " + stale
            + ", the datastore has " + actual + " (get it again and retry)");
    assertThat(ds.currentRevision()).isEqualTo(rev);
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).contains(v2);
  }

  @Test
  void updateWithCurrentResourceVersionSucceeds() {
    Resource v1 = ds.create(gns("s", "192.0.2.1/32"));
    Resource v2 = ds.update(withVersion(gns("s", "192.0.2.2/32"), v1.metadata().resourceVersion()));
    assertThat(((GlobalNetworkSet) v2).spec().nets()).containsExactly("192.0.2.2/32");
  }

  @Test
  void applyCreatesThenReplaces() {
    Resource created = ds.apply(gns("s", "192.0.2.1/32"));
    assertThat(created.metadata().generation()).isEqualTo(1L);
    Resource replaced = ds.apply(gns("s", "192.0.2.9/32"));
    assertThat(replaced.metadata().uid()).isEqualTo(created.metadata().uid());
    assertThat(replaced.metadata().generation()).isEqualTo(2L);
    assertThat(((GlobalNetworkSet) ds.get(Kind.GLOBAL_NETWORK_SET, null, "s").orElseThrow()).spec().nets())
        .containsExactly("192.0.2.9/32");
  }

  @Test
  void writeOfIdenticalContentChangesNothing() {
    Resource stored = ds.apply(gns("s", Map.of("a", "1", "b", "2"), "192.0.2.1/32"));
    long rev = ds.currentRevision();
    // Same labels in another order, same spec: nothing to write.
    Resource again = ds.apply(gns("s", new TreeMap<>(Map.of("b", "2", "a", "1")), "192.0.2.1/32"));
    Resource updated = ds.update(gns("s", Map.of("a", "1", "b", "2"), "192.0.2.1/32"));
    assertThat(ds.currentRevision()).isEqualTo(rev);
    assertThat(again.metadata().resourceVersion()).isEqualTo(stored.metadata().resourceVersion());
    assertThat(updated.metadata().resourceVersion()).isEqualTo(stored.metadata().resourceVersion());
    assertThat(updated.metadata().generation()).isEqualTo(1L);
  }

  @Test
  void applyWithStaleResourceVersionConflicts() {
    Resource v1 = ds.apply(gns("s", "192.0.2.1/32"));
    ds.apply(gns("s", "192.0.2.2/32"));
    assertThatThrownBy(() -> ds.apply(withVersion(gns("s", "192.0.2.3/32"), v1.metadata().resourceVersion())))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void applyOfGetOutputRecreatesDeletedResource() {
    Resource got = ds.create(gns("s", "192.0.2.1/32"));
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "s", null);
    Resource recreated = ds.apply(got);
    assertThat(recreated.metadata().uid()).isNotEqualTo(got.metadata().uid());
    assertThat(recreated.spec()).isEqualTo(got.spec());
  }

  // -- delete -------------------------------------------------------------------------------

  @Test
  void deleteRemovesTheResource() {
    ds.create(gns("s", "192.0.2.1/32"));
    long rev = ds.currentRevision();
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "s", null);
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).isEmpty();
    assertThat(ds.currentRevision()).isGreaterThan(rev);
  }

  @Test
  void deleteOfMissingResourceFails() {
    assertThatThrownBy(() -> ds.delete(Kind.NETWORK_SET, "prod", "nope", null))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("NetworkSet prod/nope not found");
  }

  @Test
  void deleteWithStaleResourceVersionConflictsAndKeepsTheResource() {
    Resource v1 = ds.create(gns("s", "192.0.2.1/32"));
    Resource v2 = ds.update(gns("s", "192.0.2.2/32"));
    assertThatThrownBy(() -> ds.delete(Kind.GLOBAL_NETWORK_SET, null, "s", v1.metadata().resourceVersion()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("you have resourceVersion " + v1.metadata().resourceVersion());
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).contains(v2);
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "s", v2.metadata().resourceVersion());
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "s")).isEmpty();
  }

  @Test
  void recreatedResourceGetsNewUidAndGenerationOne() {
    Resource first = ds.create(gns("s", "192.0.2.1/32"));
    ds.update(gns("s", "192.0.2.2/32"));
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "s", null);
    Resource second = ds.create(gns("s", "192.0.2.3/32"));
    assertThat(second.metadata().uid()).isNotEqualTo(first.metadata().uid());
    assertThat(second.metadata().generation()).isEqualTo(1L);
  }

  // -- keys and list ------------------------------------------------------------------------

  @Test
  void namespacedKindsAreKeyedByNamespaceAndGlobalKindsIgnoreIt() {
    Resource a = ds.create(netset("prod", "web", Map.of(), "10.0.0.0/24"));
    Resource b = ds.create(netset("dev", "web", Map.of(), "10.1.0.0/24"));
    Resource g = ds.create(gns("web", "10.2.0.0/24"));

    assertThat(ds.get(Kind.NETWORK_SET, "prod", "web")).contains(a);
    assertThat(ds.get(Kind.NETWORK_SET, "dev", "web")).contains(b);
    assertThat(ds.get(Kind.NETWORK_SET, "qa", "web")).isEmpty();
    assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, "any-namespace", "web")).contains(g);
    assertThat(ds.list(Kind.NETWORK_SET, "prod", null)).containsExactly(a);
    assertThat(ds.list(Kind.NETWORK_SET, null, null)).containsExactly(b, a);
    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, "prod", null)).containsExactly(g);
  }

  @Test
  void namespacedKindWithoutNamespaceAndGlobalKindWithOneAreRejected() {
    assertThatThrownBy(() -> ds.create(netset(null, "web", Map.of(), "10.0.0.0/24")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no namespace");
    assertThatThrownBy(() -> ds.get(Kind.NETWORK_SET, null, "web"))
        .isInstanceOf(IllegalArgumentException.class);
    GlobalNetworkSet namespaced = new GlobalNetworkSet(ObjectMeta.named("prod", "g"), NetworkSetSpec.EMPTY);
    assertThatThrownBy(() -> ds.create(namespaced))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not namespaced");
  }

  @Test
  void listReturnsOneKindSortedByNamespaceAndName() {
    ds.create(gns("b", "10.0.0.2/32"));
    ds.create(gns("a", "10.0.0.1/32"));
    ds.create(gns("c", "10.0.0.3/32"));
    ds.create(gnp("a", 1, "all()"));
    ds.create(netset("z", "a", Map.of(), "10.0.0.4/32"));
    ds.create(netset("m", "b", Map.of(), "10.0.0.5/32"));
    ds.create(netset("m", "a", Map.of(), "10.0.0.6/32"));

    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, null, null)).extracting(r -> r.metadata().name())
        .containsExactly("a", "b", "c");
    assertThat(ds.list(Kind.GLOBAL_NETWORK_POLICY, null, null)).hasSize(1);
    assertThat(ds.list(Kind.NETWORK_SET, null, null)).extracting(Resource::qualifiedName)
        .containsExactly("m/a", "m/b", "z/a");
    assertThat(ds.list(Kind.TIER, null, null)).isEmpty();
  }

  @Test
  void listFiltersByLabelSelector() {
    ds.create(gns("db1", Map.of("role", "db", "tier", "gold"), "10.0.0.1/32"));
    ds.create(gns("db2", Map.of("role", "db"), "10.0.0.2/32"));
    ds.create(gns("web", Map.of("role", "web"), "10.0.0.3/32"));
    ds.create(gns("none", Map.of(), "10.0.0.4/32"));

    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "role == 'db'"))).containsExactly("db1", "db2");
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "role == 'db' && has(tier)"))).containsExactly("db1");
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "role != 'db'"))).containsExactly("none", "web");
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "all()"))).hasSize(4);
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, " "))).hasSize(4);
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "role in {'web', 'x'} || !has(role)")))
        .containsExactly("none", "web");
    assertThat(names(ds.list(Kind.GLOBAL_NETWORK_SET, null, "tier starts with 'go'"))).containsExactly("db1");
  }

  @Test
  void listWithInvalidSelectorFailsNamingTheColumn() {
    assertThatThrownBy(() -> ds.list(Kind.GLOBAL_NETWORK_SET, null, "role = 'web'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid selector at column 6")
        .hasCauseInstanceOf(io.selvedge.selector.SelectorParseException.class);
  }

  private static List<String> names(List<Resource> rs) {
    return rs.stream().map(r -> r.metadata().name()).toList();
  }

  // -- batches ------------------------------------------------------------------------------

  @Test
  void applyAllReportsCreatedUpdatedUnchangedAtOneRevision() {
    ds.create(gns("same", "10.0.0.1/32"));
    ds.create(gns("changed", "10.0.0.2/32"));
    List<int[]> progress = new ArrayList<>();

    BatchResult result = ds.applyAll(List.of(
        gns("same", "10.0.0.1/32"), gns("changed", "10.0.0.22/32"), gns("new", "10.0.0.3/32")),
        (done, total) -> progress.add(new int[] {done, total}));

    assertThat(result.unchanged()).extracting(ResourceKey::name).containsExactly("same");
    assertThat(result.updated()).extracting(ResourceKey::name).containsExactly("changed");
    assertThat(result.created()).extracting(ResourceKey::name).containsExactly("new");
    assertThat(result.revision()).isEqualTo(ds.currentRevision());
    assertThat(result.outcomes().get(1).stored().metadata().resourceVersion())
        .isEqualTo(result.outcomes().get(2).stored().metadata().resourceVersion())
        .isEqualTo(Long.toString(result.revision()));
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).containsExactly(3, 3);
    for (BatchResult.Outcome o : result.outcomes()) {
      assertThat(ds.get(o.key().kind(), o.key().namespace(), o.key().name())).contains(o.stored());
    }
  }

  @Test
  void applyAllWithNothingNewWritesNothing() {
    ds.applyAll(List.of(gns("a", "10.0.0.1/32"), gns("b", "10.0.0.2/32")), ProgressListener.NONE);
    long rev = ds.currentRevision();
    BatchResult again = ds.applyAll(List.of(gns("a", "10.0.0.1/32"), gns("b", "10.0.0.2/32")), ProgressListener.NONE);
    assertThat(again.unchanged()).hasSize(2);
    assertThat(again.revision()).isEqualTo(rev);
    assertThat(ds.currentRevision()).isEqualTo(rev);
  }

  @Test
  void applyAllWithOneConflictWritesNothing() {
    Resource v1 = ds.create(gns("a", "10.0.0.1/32"));
    ds.update(gns("a", "10.0.0.11/32"));
    long rev = ds.currentRevision();
    assertThatThrownBy(() -> ds.applyAll(List.of(
        gns("new1", "10.0.0.2/32"),
        withVersion(gns("a", "10.0.0.111/32"), v1.metadata().resourceVersion()),
        gns("new2", "10.0.0.3/32")), ProgressListener.NONE))
        .isInstanceOf(ConflictException.class);
    assertThat(ds.currentRevision()).isEqualTo(rev);
    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, null, null)).hasSize(1);
  }

  @Test
  void applyAllRejectsTheSameResourceTwice() {
    assertThatThrownBy(() -> ds.applyAll(List.of(gns("a", "10.0.0.1/32"), gns("a", "10.0.0.2/32")),
        ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GlobalNetworkSet a appears more than once in the batch");
    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, null, null)).isEmpty();
  }

  @Test
  void revisionsOnlyMoveForward() {
    long r0 = ds.currentRevision();
    ds.create(gns("a", "10.0.0.1/32"));
    long r1 = ds.currentRevision();
    ds.create(netset("x", "a", Map.of(), "10.0.0.1/32"));
    long r2 = ds.currentRevision();
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "a", null);
    long r3 = ds.currentRevision();
    assertThat(r0).isLessThan(r1);
    assertThat(r1).isLessThan(r2);
    assertThat(r2).isLessThan(r3);
  }

  // -- node status (agents' heartbeats) --------------------------------------------------------

  private static NodeStatus status(String node, long revision, boolean healthy) {
    return new NodeStatus(node, Instant.parse("2026-11-26T10:00:00.125Z").plusSeconds(revision), revision, healthy,
        healthy ? "" : "nft refused the transaction", "0.1.0-test");
  }

  @Test
  void nodeStatusIsReplacedPerNodeAndListedByName() throws Exception {
    assertThat(ds.listNodeStatus()).isEmpty();
    ds.reportNodeStatus(status("host2", 7, true));
    ds.reportNodeStatus(status("host1", 5, true));
    ds.reportNodeStatus(status("host2", 9, false));
    assertThat(ds.listNodeStatus()).containsExactly(status("host1", 5, true), status("host2", 9, false));
    Datastore other = closeLater(connectAgain());
    assertThat(other.listNodeStatus()).containsExactly(status("host1", 5, true), status("host2", 9, false));
  }

  @Test
  void deletedNodeStatusIsGoneAndOthersStay() {
    ds.reportNodeStatus(status("host1", 5, true));
    ds.reportNodeStatus(status("host2", 5, true));
    long rev = ds.currentRevision();
    assertThat(ds.deleteNodeStatus("host1")).isTrue();
    assertThat(ds.deleteNodeStatus("host1")).as("already gone").isFalse();
    assertThat(ds.deleteNodeStatus("nobody")).isFalse();
    assertThat(ds.deleteNodeStatus("../x")).as("not a node name").isFalse();
    assertThat(ds.listNodeStatus()).containsExactly(status("host2", 5, true));
    assertThat(ds.resourcesChangedSince(rev)).isZero();
  }

  @Test
  void nodeStatusIsNoResourceChangeAndWakesNoWatch() throws Exception {
    ds.create(gns("a", "10.0.0.1/32"));
    long r0 = ds.currentRevision();
    RecordingListener rec = new RecordingListener();
    closeLater(ds.watch(r0, rec));
    for (int i = 0; i < 5; i++) {
      ds.reportNodeStatus(status("host1", r0, true));
    }
    assertThat(ds.resourcesChangedSince(r0)).isZero();
    assertThat(ds.list(Kind.GLOBAL_NETWORK_SET, null, null)).hasSize(1);
    Resource b = ds.create(gns("b", "10.0.0.2/32"));
    // the first thing the watch delivers is the resource written after the heartbeats
    List<WatchEvent> events = rec.next(Events.class).events();
    assertThat(events).extracting(e -> e.key().name()).containsExactly("b");
    assertThat(events.get(0).revision()).isEqualTo(Long.parseLong(b.metadata().resourceVersion()));
  }

  @Test
  void resourcesChangedSinceCountsCreatesUpdatesAndDeletes() {
    long r0 = ds.currentRevision();
    assertThat(ds.resourcesChangedSince(r0)).isZero();
    ds.create(gns("a", "10.0.0.1/32"));
    ds.create(gns("b", "10.0.0.2/32"));
    ds.create(netset("ns1", "x", Map.of(), "10.0.0.3/32"));
    long r1 = ds.currentRevision();
    assertThat(ds.resourcesChangedSince(r0)).isEqualTo(3);
    assertThat(ds.resourcesChangedSince(r1)).isZero();

    ds.update(gns("a", "10.0.0.11/32"));
    ds.update(gns("a", "10.0.0.111/32"));
    assertThat(ds.resourcesChangedSince(r1)).as("one resource changed twice").isEqualTo(1);
    long r2 = ds.currentRevision();
    ds.delete(Kind.GLOBAL_NETWORK_SET, null, "b", null);
    assertThat(ds.resourcesChangedSince(r2)).as("a deletion leaves no resource but counts").isEqualTo(1);
    assertThat(ds.resourcesChangedSince(r1)).isEqualTo(2);
    long r3 = ds.currentRevision();
    ds.apply(gns("a", "10.0.0.111/32"));   // identical: no change
    assertThat(ds.resourcesChangedSince(r3)).isZero();
    ds.delete(Kind.NETWORK_SET, "ns1", "x", null);
    ds.create(gns("c", "10.0.0.4/32"));
    assertThat(ds.resourcesChangedSince(r3)).as("a delete and a create").isEqualTo(2);
  }

  @Test
  void nodeStatusRejectsNamesThatAreNotHostNames() {
    for (String bad : List.of("", "a/b", "../x", "-a", "a b", "x".repeat(254), "h\u001b[31m")) {
      assertThatThrownBy(() -> status(bad, 1, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(status("node-1.example.com", 1, true).node()).isEqualTo("node-1.example.com");
  }

  // -- big resources ------------------------------------------------------------------------

  @Test
  void globalNetworkSetOfOneMillionCidrsStoresAndLoads() {
    List<String> nets = TestResources.cidrs(1_000_000);
    GlobalNetworkSet big = new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(nets));
    Resource created = ds.create(big);
    nets = null;
    big = null;

    GlobalNetworkSet loaded = (GlobalNetworkSet) ds.get(Kind.GLOBAL_NETWORK_SET, null, "big").orElseThrow();
    assertThat(loaded).isEqualTo(created);
    assertThat(loaded.spec().nets()).hasSize(1_000_000);
    assertThat(loaded.spec().nets().get(999_999)).isEqualTo("10.15.66.63/32");

    // Re-applying the same content writes nothing; a one-CIDR change replaces it whole.
    long rev = ds.currentRevision();
    ds.apply(loaded);
    assertThat(ds.currentRevision()).isEqualTo(rev);
    List<String> changed = new ArrayList<>(loaded.spec().nets());
    changed.set(0, "192.0.2.0/24");
    Resource updated = ds.apply(new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(changed)));
    assertThat(updated.metadata().generation()).isEqualTo(2L);
    assertThat(((GlobalNetworkSet) ds.list(Kind.GLOBAL_NETWORK_SET, null, null).get(0)).spec().nets().get(0))
        .isEqualTo("192.0.2.0/24");
  }

  // -- watch --------------------------------------------------------------------------------

  @Test
  void watchFromZeroGivesSnapshotThenEveryChangeInOrder() {
    Resource a = ds.create(gns("a", "10.0.0.1/32"));
    Resource n = ds.create(netset("prod", "n", Map.of(), "10.0.0.2/32"));
    long snapRev = ds.currentRevision();
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));

    Snapshot snap = l.next(Snapshot.class);
    assertThat(snap.revision()).isEqualTo(snapRev);
    assertThat(snap.resources()).containsExactlyInAnyOrder(a, n);

    Resource b = ds.create(gns("b", "10.0.0.3/32"));
    Resource a2 = ds.update(gns("a", "10.0.0.4/32"));
    ds.delete(Kind.NETWORK_SET, "prod", "n", null);
    long last = ds.currentRevision();

    List<WatchEvent> events = l.eventsThrough(last);
    assertThat(events).extracting(WatchEvent::type).containsExactly(
        WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
    assertThat(events.get(0).resource()).isEqualTo(b);
    assertThat(events.get(1).resource()).isEqualTo(a2);
    assertThat(events.get(2).key()).isEqualTo(new ResourceKey(Kind.NETWORK_SET, "prod", "n"));
    assertThat(events.get(2).resource()).isNull();
    assertThat(events.get(0).revision()).isEqualTo(Long.parseLong(b.metadata().resourceVersion()));
    assertThat(events.get(1).revision()).isEqualTo(Long.parseLong(a2.metadata().resourceVersion()));
    assertThat(events.get(2).revision()).isEqualTo(last);
    assertThat(l.orderError()).isNull();
  }

  /**
   * Nets deltas are optional (a backend may send none), but one that is sent is exact: it applies
   * on the version the watcher last saw of that resource (from the snapshot or an earlier
   * event), and that version's nets minus {@code removed} plus {@code added} are the event's
   * nets, as multisets; its labels did not change.
   */
  @Test
  void aNetsDeltaOnTheLastSeenVersionGivesTheNewNets() {
    Map<String, String> labels = Map.of("feed", "x");
    List<String> nets = new ArrayList<>(TestResources.cidrs(200));
    ds.create(gns("feed", labels, nets.toArray(String[]::new)));
    nets.set(0, "192.0.2.1/32");
    ds.apply(gns("feed", labels, nets.toArray(String[]::new)));
    ds.create(netset("prod", "small", Map.of(), "10.1.0.0/16", "10.2.0.0/16", "10.2.0.0/16"));
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    Map<ResourceKey, Resource> seen = new TreeMap<>();
    for (Resource r : l.next(Snapshot.class).resources()) {
      seen.put(ResourceKey.of(r), r);
    }

    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      int at = random.nextInt(nets.size());
      switch (i % 4) {
        case 0 -> nets.add("198.51.100." + i + "/32");            // add
        case 1 -> nets.remove(at);                               // remove
        case 2 -> nets.set(at, "203.0.113." + i + "/32");        // replace
        default -> nets.add(nets.get(at));                       // duplicate an entry
      }
      ds.apply(gns("feed", labels, nets.toArray(String[]::new)));
    }
    ds.apply(netset("prod", "small", Map.of(), "10.2.0.0/16", "10.3.0.0/16"));
    ds.apply(gns("feed", Map.of("feed", "y"), nets.toArray(String[]::new)));   // labels too: no delta allowed
    ds.apply(gns("feed", Map.of("feed", "y"), "10.9.9.9/32"));

    for (WatchEvent e : l.eventsThrough(ds.currentRevision())) {
      Resource now = e.resource();
      Resource base = seen.put(e.key(), now);
      e.netsDelta().ifPresent(d -> {
        assertThat(base).as("%s has a base", e).isNotNull();
        assertThat(d.baseRevision()).as("%s", e).isEqualTo(Long.parseLong(base.metadata().resourceVersion()));
        assertThat(now.metadata().labels()).isEqualTo(base.metadata().labels());
        List<String> expected = new ArrayList<>(netsOf(base));
        for (String r : d.removed()) {
          assertThat(expected.remove(r)).as("%s removes %s, which its base holds", e, r).isTrue();
        }
        expected.addAll(d.added());
        assertThat(netsOf(now)).as("%s", e).containsExactlyInAnyOrderElementsOf(expected);
      });
    }
    assertThat(seen).isEqualTo(l.state());
  }

  private static List<String> netsOf(Resource r) {
    return r instanceof GlobalNetworkSet g ? g.spec().nets() : ((NetworkSet) r).spec().nets();
  }

  @Test
  void watchOfEmptyStoreGivesEmptySnapshot() {
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    Snapshot snap = l.next(Snapshot.class);
    assertThat(snap.resources()).isEmpty();
    Resource a = ds.create(gns("a", "10.0.0.1/32"));
    assertThat(l.eventsThrough(ds.currentRevision())).extracting(WatchEvent::resource).containsExactly(a);
  }

  @Test
  void aBatchArrivesAsOneRevisionInOneDelivery() {
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    l.next(Snapshot.class);
    BatchResult r = ds.applyAll(List.of(gns("a", "10.0.0.1/32"), gns("b", "10.0.0.2/32"), gns("c", "10.0.0.3/32")),
        ProgressListener.NONE);
    Events e = l.next(Events.class);
    assertThat(e.events()).extracting(ev -> ev.key().name()).containsExactly("a", "b", "c");
    assertThat(e.events()).extracting(WatchEvent::revision).containsOnly(r.revision());
  }

  @Test
  void watchResumesAfterAGivenRevision() {
    ds.create(gns("a", "10.0.0.1/32"));
    long resumeFrom = ds.currentRevision();
    Resource b = ds.create(gns("b", "10.0.0.2/32"));
    Resource c = ds.create(gns("c", "10.0.0.3/32"));

    RecordingListener l = new RecordingListener();
    Watch w = closeLater(ds.watch(resumeFrom, l));
    List<WatchEvent> events = l.eventsThrough(ds.currentRevision());
    assertThat(events).extracting(WatchEvent::resource).containsExactly(b, c);
    assertThat(w.revision()).isEqualTo(ds.currentRevision());

    // And a watch from the current revision sees only what comes next.
    RecordingListener l2 = new RecordingListener();
    closeLater(ds.watch(ds.currentRevision(), l2));
    Resource d = ds.create(gns("d", "10.0.0.4/32"));
    assertThat(l2.eventsThrough(ds.currentRevision())).extracting(WatchEvent::resource).containsExactly(d);
  }

  @Test
  void watchFromACompactedRevisionAsksForResync() throws Exception {
    ds.create(gns("a", "10.0.0.1/32"));
    long old = ds.currentRevision();
    ds.create(gns("b", "10.0.0.2/32"));
    ds.create(gns("c", "10.0.0.3/32"));
    compact(ds, ds.currentRevision() - 1);

    RecordingListener l = new RecordingListener();
    Watch w = closeLater(ds.watch(old, l));
    Resync resync = l.next(Resync.class);
    assertThat(resync.requested()).isEqualTo(old);
    assertThat(resync.compacted()).isGreaterThan(old);
    assertThat(l.poll(Duration.ofMillis(200))).isNull();
    assertThat(w.isActive()).isFalse();

    // The recovery the agent does: a new watch from 0 starts with a full snapshot.
    RecordingListener again = new RecordingListener();
    closeLater(ds.watch(0, again));
    assertThat(again.next(Snapshot.class).resources()).hasSize(3);
  }

  @Test
  void watcherThatFallsBehindACompactionAsksForResync() throws Exception {
    ds.create(gns("a", "10.0.0.1/32"));
    long seen = ds.currentRevision();
    BlockingListener blocked = new BlockingListener();
    closeLater(ds.watch(seen, blocked));
    ds.create(gns("b", "10.0.0.2/32"));
    blocked.awaitFirstEvents(); // now stuck inside onEvents
    ds.create(gns("c", "10.0.0.3/32"));
    ds.create(gns("d", "10.0.0.4/32"));
    compact(ds, ds.currentRevision());
    blocked.release();
    assertThat(blocked.recorder.next(Events.class).events()).extracting(e -> e.key().name()).containsExactly("b");
    assertThat(blocked.recorder.next()).isInstanceOf(Resync.class);
  }

  @Test
  void snapshotAndEventsReproduceTheStoreUnderConcurrentWrites() throws Exception {
    Random random = new Random(7);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int i = 0; i < 300; i++) {
          randomWrite(ds, random, i);
        }
        return null;
      });
      // Start the watch while the writer is busy.
      while (ds.currentRevision() < 50 && !writes.isDone()) {
        Thread.sleep(1);
      }
      RecordingListener l = new RecordingListener();
      closeLater(ds.watch(0, l));
      writes.get(60, TimeUnit.SECONDS);
      long end = ds.currentRevision();
      l.next(Snapshot.class);
      while (l.lastRevision() < end) {
        l.next(Events.class);
      }
      assertThat(l.orderError()).isNull();
      assertThat(l.state()).isEqualTo(everything(ds));
    } finally {
      writer.shutdownNow();
    }
  }

  private static void randomWrite(Datastore d, Random random, int i) {
    String name = "s" + random.nextInt(20);
    int op = random.nextInt(4);
    try {
      if (op == 0) {
        d.delete(Kind.GLOBAL_NETWORK_SET, null, name, null);
      } else if (op == 1) {
        d.applyAll(List.of(gns(name, "10.1.0." + (i % 256) + "/32"), netset("ns", name, Map.of(), "10.2.0.1/32")),
            ProgressListener.NONE);
      } else {
        d.apply(gns(name, Map.of("i", Integer.toString(i % 3)), "10.0.0." + (i % 256) + "/32"));
      }
    } catch (NotFoundException ignored) {
      // deleting one that is not there: fine
    }
  }

  private static Map<ResourceKey, Resource> everything(Datastore d) {
    Map<ResourceKey, Resource> all = new TreeMap<>();
    for (Kind k : Kind.values()) {
      for (Resource r : d.list(k, null, null)) {
        all.put(ResourceKey.of(r), r);
      }
    }
    return all;
  }

  @Test
  void closedWatchDeliversNothingMore() throws Exception {
    RecordingListener l = new RecordingListener();
    Watch w = ds.watch(0, l);
    l.next(Snapshot.class);
    w.close();
    assertThat(w.isActive()).isFalse();
    ds.create(gns("a", "10.0.0.1/32"));
    assertThat(l.poll(Duration.ofMillis(300))).isNull();
    w.close(); // idempotent
  }

  @Test
  void callbacksRunOnOneThreadThatIsNotTheCallers() {
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    l.next(Snapshot.class);
    ds.create(gns("a", "10.0.0.1/32"));
    ds.create(gns("b", "10.0.0.1/32"));
    l.eventsThrough(ds.currentRevision());
    assertThat(l.threads()).doesNotContain(Thread.currentThread().getName());
    assertThat(l.threads().stream().distinct()).hasSize(1);
  }

  @Test
  void aListenerThatThrowsEndsTheWatchWithAnError() {
    RecordingListener recorder = new RecordingListener();
    WatchListener failing = new WatchListener() {
      @Override
      public void onSnapshot(long revision, List<Resource> resources) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void onEvents(List<WatchEvent> events) {
        recorder.onEvents(events);
      }

      @Override
      public void onResync(long requestedRevision, long compactedRevision) {
        recorder.onResync(requestedRevision, compactedRevision);
      }

      @Override
      public void onError(DatastoreException error) {
        recorder.onError(error);
      }
    };
    Watch w = closeLater(ds.watch(0, failing));
    RecordingListener.Failed f = recorder.next(RecordingListener.Failed.class);
    assertThat(f.error()).hasMessageContaining("boom").hasCauseInstanceOf(IllegalStateException.class);
    assertThat(w.isActive()).isFalse();
  }

  @Test
  void watchSeesWritesOfAnotherClient() throws Exception {
    Datastore other = closeLater(connectAgain());
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    l.next(Snapshot.class);
    Resource a = other.create(gns("a", "10.0.0.1/32"));
    assertThat(l.eventsThrough(other.currentRevision())).extracting(WatchEvent::resource).containsExactly(a);
  }

  @Test
  void watchSeesWritesOfAnotherProcess() throws Exception {
    RecordingListener l = new RecordingListener();
    closeLater(ds.watch(0, l));
    l.next(Snapshot.class);
    try (ChildJvm child = ChildJvm.start(ContractChildProcess.class, childProcessUrl(), "create", "p", "20")) {
      assertThat(child.waitFor(Duration.ofSeconds(120))).as(child.output()).isZero();
    }
    List<WatchEvent> events = l.eventsThrough(ds.currentRevision());
    assertThat(events).extracting(e -> e.key().name()).containsExactlyElementsOf(
        IntStream.range(0, 20).mapToObj(i -> "p-" + i).toList());
    assertThat(events).extracting(WatchEvent::type).containsOnly(WatchEvent.Type.ADDED);
  }

  // -- concurrency --------------------------------------------------------------------------

  @Test
  void twoThreadsIncrementingWithResourceVersionsLoseNoUpdate() throws Exception {
    ds.create(gns("counter", "10.0.0.1/32"));
    runConcurrently(List.of(
        () -> ContractChildProcess.increment(ds, "counter", 100),
        () -> ContractChildProcess.increment(ds, "counter", 100)));
    assertThat(count(ds)).isEqualTo(200);
  }

  @Test
  void twoClientsIncrementingWithResourceVersionsLoseNoUpdate() throws Exception {
    ds.create(gns("counter", "10.0.0.1/32"));
    Datastore other = closeLater(connectAgain());
    List<Integer> conflicts = runConcurrently(List.of(
        () -> ContractChildProcess.increment(ds, "counter", 100),
        () -> ContractChildProcess.increment(other, "counter", 100)));
    assertThat(count(ds)).isEqualTo(200);
    assertThat(conflicts).allMatch(c -> c >= 0);
  }

  @Test
  void twoProcessesIncrementingWithResourceVersionsLoseNoUpdate() throws Exception {
    ds.create(gns("counter", "10.0.0.1/32"));
    try (ChildJvm child = ChildJvm.start(ContractChildProcess.class, childProcessUrl(), "increment", "counter", "100")) {
      child.awaitLine("ready", Duration.ofSeconds(60));
      child.send("go"); // both start incrementing now
      int mine = ContractChildProcess.increment(ds, "counter", 100);
      assertThat(child.waitFor(Duration.ofSeconds(120))).as(child.output()).isZero();
      assertThat(mine).isNotNegative();
    }
    assertThat(count(ds)).isEqualTo(200);
  }

  @Test
  void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
    Datastore other = closeLater(connectAgain());
    List<Callable<Integer>> jobs = new ArrayList<>();
    for (Datastore d : List.of(ds, other, ds, other)) {
      jobs.add(() -> {
        try {
          d.create(gns("only-one", "10.0.0.1/32"));
          return 1;
        } catch (AlreadyExistsException e) {
          return 0;
        }
      });
    }
    assertThat(runConcurrently(jobs).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
  }

  private static int count(Datastore d) {
    Resource r = d.get(Kind.GLOBAL_NETWORK_SET, null, "counter").orElseThrow();
    return Integer.parseInt(r.metadata().annotations().get("count"));
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> jobs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> j : jobs) {
        futures.add(pool.submit(j));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A listener that blocks in its first onEvents until released (a slow consumer). */
  private static final class BlockingListener implements WatchListener {
    final RecordingListener recorder = new RecordingListener();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void onSnapshot(long revision, List<Resource> resources) {
      recorder.onSnapshot(revision, resources);
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
      recorder.onEvents(events);
      entered.countDown();
      try {
        release.await(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onResync(long requestedRevision, long compactedRevision) {
      recorder.onResync(requestedRevision, compactedRevision);
    }

    @Override
    public void onError(DatastoreException error) {
      recorder.onError(error);
    }

    void awaitFirstEvents() throws InterruptedException {
      assertThat(entered.await(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    void release() {
      release.countDown();
    }
  }
}
