package io.selvedge.store.etcd;

import static io.selvedge.store.TestResources.gns;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.RecordingListener;
import io.selvedge.store.RecordingListener.Events;
import io.selvedge.store.RecordingListener.Resync;
import io.selvedge.store.RecordingListener.Snapshot;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 3-member etcd cluster with members killed (SIGKILL) while a client writes and another
 * watches: every write is reported exactly once, the watch sees every change once and in order,
 * and a watcher that was away during a compaction is told to resync.
 */
class EtcdClusterTest {
  @TempDir
  Path dir;
  private List<EtcdProcess> members = List.of();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void startCluster() throws Exception {
    members = EtcdProcess.cluster(dir, 3);
  }

  @AfterEach
  void stopCluster() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    for (EtcdProcess m : members) {
      m.close();
    }
  }

  private DatastoreUrl url(EtcdProcess... ms) {
    List<String> urls = new ArrayList<>();
    for (EtcdProcess m : ms) {
      urls.add(m.clientUrl());
    }
    return DatastoreUrl.parse("etcd:" + String.join(",", urls));
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    toClose.add(c);
    return c;
  }

  @Test
  void killingMembersDuringWritesAndWatchesLosesAndDuplicatesNothing() throws Exception {
    DatastoreUrl all = url(members.get(0), members.get(1), members.get(2));
    Datastore writer = closeLater(EtcdDatastore.open(all, DatastoreOptions.defaults()));
    Datastore watcher = closeLater(EtcdDatastore.open(all, DatastoreOptions.defaults()));
    RecordingListener l = new RecordingListener();
    Watch w = closeLater(watcher.watch(0, l));
    assertThat(l.next(Snapshot.class).resources()).isEmpty();

    int total = 300;
    AtomicInteger progress = new AtomicInteger();
    Map<String, Long> revisionOf = new HashMap<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = pool.submit(() -> {
        for (int i = 0; i < total; i++) {
          if (i % 10 == 9) {
            // A batch: three resources in one transaction.
            BatchResult r = writer.applyAll(List.of(gns("b-" + i + "-x", "10.1.0.1/32"), gns("b-" + i + "-y",
                "10.1.0.2/32"), gns("b-" + i + "-z", "10.1.0.3/32")), ProgressListener.NONE);
            r.outcomes().forEach(o -> put(revisionOf, o.key().name(), o.stored()));
          } else {
            put(revisionOf, "w-" + i, writer.create(gns("w-" + i, "10.0." + (i / 256) + "." + (i % 256) + "/32")));
          }
          progress.set(i + 1);
        }
        return null;
      });
      awaitProgress(progress, 40, writes);
      members.get(0).kill(); // the member both clients talk to first
      awaitProgress(progress, 120, writes);
      members.get(0).restart();
      awaitProgress(progress, 160, writes);
      EtcdProcess leader = leader();
      leader.kill(); // forces an election while writes go on
      writes.get(180, TimeUnit.SECONDS);
      leader.restart();
    } finally {
      pool.shutdownNow();
    }

    long end = writer.currentRevision();
    List<WatchEvent> events = l.eventsThrough(end);
    assertThat(l.orderError()).isNull();
    // Every write seen exactly once, at the revision its caller was told.
    Map<String, Long> seen = new TreeMap<>();
    Set<Long> revisions = new HashSet<>();
    for (WatchEvent e : events) {
      assertThat(e.type()).isEqualTo(WatchEvent.Type.ADDED);
      assertThat(seen.put(e.key().name(), e.revision())).as("duplicate event for " + e.key()).isNull();
      revisions.add(e.revision());
    }
    assertThat(seen).isEqualTo(new TreeMap<>(revisionOf));
    assertThat(seen).hasSize(total / 10 * 9 + total / 10 * 3);
    assertThat(revisions).hasSize(total);
    assertThat(l.state()).isEqualTo(everything(writer));
    assertThat(w.isActive()).isTrue();
  }

  @Test
  void aWatcherAwayDuringACompactionIsToldToResync() throws Exception {
    EtcdProcess lonely = members.get(2);
    Datastore writer = closeLater(EtcdDatastore.open(url(members.get(0), members.get(1)), DatastoreOptions.defaults()));
    Datastore watcher = closeLater(EtcdDatastore.open(url(lonely), DatastoreOptions.defaults()));
    RecordingListener l = new RecordingListener();
    closeLater(watcher.watch(0, l));
    l.next(Snapshot.class);
    writer.create(gns("a", "10.0.0.1/32"));
    long seen = l.eventsThrough(writer.currentRevision()).get(0).revision();

    lonely.kill();
    writer.create(gns("b", "10.0.0.2/32"));
    writer.create(gns("c", "10.0.0.3/32"));
    long compactAt = writer.currentRevision();
    ((EtcdDatastore) writer).compact(compactAt);
    lonely.restart();

    Resync r = l.next(Resync.class);
    assertThat(r.requested()).isEqualTo(seen);
    assertThat(r.compacted()).isEqualTo(compactAt - 1);
  }

  @Test
  void aWatchResumesOnAnotherMemberFromTheLastRevisionSeen() throws Exception {
    DatastoreUrl all = url(members.get(0), members.get(1), members.get(2));
    Datastore writer = closeLater(EtcdDatastore.open(url(members.get(1), members.get(2)), DatastoreOptions.defaults()));
    Datastore watcher = closeLater(EtcdDatastore.open(all, DatastoreOptions.defaults()));
    RecordingListener l = new RecordingListener();
    closeLater(watcher.watch(0, l));
    l.next(Snapshot.class);
    Resource a = writer.create(gns("a", "10.0.0.1/32"));
    assertThat(l.eventsThrough(writer.currentRevision())).extracting(WatchEvent::resource).containsExactly(a);
    members.get(0).kill();
    Resource b = writer.create(gns("b", "10.0.0.2/32"));
    Resource a2 = writer.update(gns("a", "10.0.0.9/32"));
    List<WatchEvent> after = l.eventsThrough(writer.currentRevision());
    assertThat(after).extracting(WatchEvent::resource).containsExactly(b, a2);
  }

  private static void put(Map<String, Long> revisions, String name, Resource stored) {
    synchronized (revisions) {
      revisions.put(name, Long.parseLong(stored.metadata().resourceVersion()));
    }
  }

  private static void awaitProgress(AtomicInteger progress, int atLeast, Future<?> writes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (progress.get() < atLeast) {
      if (writes.isDone()) {
        writes.get(); // rethrows the writer's failure
        return;
      }
      assertThat(System.nanoTime()).as("writer progress " + progress.get() + " < " + atLeast).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** The member that is leader now (asked through the gateway's maintenance status). */
  private EtcdProcess leader() {
    for (EtcdProcess m : members) {
      if (m.isAlive() && RawEtcd.of(url(m)).isLeader()) {
        return m;
      }
    }
    throw new AssertionError("no leader");
  }

  private static Map<ResourceKey, Resource> everything(Datastore d) {
    Map<ResourceKey, Resource> out = new TreeMap<>();
    for (Kind k : Kind.values()) {
      for (Resource r : d.list(k, null, null)) {
        out.put(ResourceKey.of(r), r);
      }
    }
    return out;
  }
}
