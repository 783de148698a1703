package io.selvedge.bench.store;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import io.selvedge.store.sqlite.SqliteDatastore;
import io.selvedge.store.sqlite.SqliteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3, watch latency on SQLite and on a local etcd, in one run: a writer applies one small
 * change (a label of one WorkloadEndpoint) at random intervals of 5–45 ms, so writes fall at every
 * phase of SQLite's polling; watchers opened as separate datastore instances (own connection and
 * thread, as an agent in another process has) report when each revision reaches them. Prints
 * p50, p90, p99 and max of
 *
 * <ul>
 *   <li>write to watcher: from just before {@code apply} to the watcher's callback — SQLite with
 *       the default options (woken by writes to the database's directory) and, as the baseline, a
 *       SQLite watcher polling every 5 ms without that wake-up; etcd through its watch stream;
 *   <li>the commit alone ({@code apply} call to return), the floor under each.
 * </ul>
 *
 * JMH does not fit (latency across threads); run as
 * {@code java -cp benchmarks.jar io.selvedge.bench.store.WatchLatency [writes]} (default 500).
 */
public final class WatchLatency {
  private WatchLatency() {}

  /** Records when each revision arrived. */
  private static final class Arrivals implements WatchListener {
    final Map<Long, Long> nanos = new ConcurrentHashMap<>();

    @Override
    public void onSnapshot(long revision, List<Resource> resources) {}

    @Override
    public void onEvents(List<WatchEvent> events) {
      long now = System.nanoTime();
      for (WatchEvent e : events) {
        nanos.putIfAbsent(e.revision(), now);
      }
    }

    @Override
    public void onResync(long requestedRevision, long compactedRevision) {
      System.err.println("unexpected resync at " + requestedRevision);
    }

    @Override
    public void onError(DatastoreException error) {
      System.err.println("watch failed: " + error.getMessage());
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int writes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    WorkloadEndpoint pod = (WorkloadEndpoint) ClusterGenerator.generate(new ClusterScale(100, 1, 1, 1, 1))
        .endpoints().get(0);
    System.out.printf("%d writes per backend; load %s%n", writes, loadAverage());
    try (ScratchStore sqlite = ScratchStore.sqlite();
        Datastore fastPolling = SqliteDatastore.open(sqlite.store().url(),
            new SqliteOptions(Duration.ofSeconds(10), Duration.ofMillis(5), false, 10_000, 256L << 20, Duration.ofSeconds(60)));
        Datastore sqliteWatcher = DatastoreFactory.open(sqlite.store().url())) {
      Map<String, Datastore> watchers = new LinkedHashMap<>();
      watchers.put("sqlite: write -> watcher, woken by writes (default)", sqliteWatcher);
      watchers.put("sqlite: write -> watcher, poll 5 ms (baseline)", fastPolling);
      measure("sqlite", sqlite.store(), watchers, pod, writes);
    }
    try (LocalEtcd etcd = new LocalEtcd(); ScratchStore writer = ScratchStore.open("etcd", etcd);
        Datastore etcdWatcher = DatastoreFactory.open(etcd.url())) {
      measure("etcd", writer.store(), Map.of("etcd: write -> watcher (watch stream)", etcdWatcher), pod, writes);
    }
    System.out.printf("load at the end %s%n", loadAverage());
  }

  /** Writes {@code writes} label changes through {@code store}; each watcher has its own connection. */
  private static void measure(String backend, Datastore store, Map<String, Datastore> watchers, WorkloadEndpoint pod,
      int writes) throws InterruptedException {
    store.apply(pod);
    long from = store.currentRevision();
    Map<String, Arrivals> arrivals = new LinkedHashMap<>();
    List<Watch> running = new ArrayList<>();
    watchers.forEach((name, ds) -> {
      Arrivals a = new Arrivals();
      arrivals.put(name, a);
      running.add(ds.watch(from, a));
    });
    try {
      SplittableRandom rnd = new SplittableRandom(ClusterGenerator.SEED);
      long[] revision = new long[writes];
      long[] start = new long[writes];
      long[] commit = new long[writes];
      for (int i = 0; i < writes; i++) {
        Thread.sleep(5 + rnd.nextInt(41));
        Map<String, String> labels = new LinkedHashMap<>(pod.metadata().labels());
        labels.put("seq", Integer.toString(i));
        WorkloadEndpoint changed = new WorkloadEndpoint(pod.metadata().withLabels(labels), pod.spec());
        start[i] = System.nanoTime();
        Resource stored = store.apply(changed);
        commit[i] = System.nanoTime();
        revision[i] = Long.parseLong(stored.metadata().resourceVersion());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (arrivals.values().stream().anyMatch(a -> a.nanos.size() < writes) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      arrivals.forEach((name, a) -> System.out.println(line(name, revision, start, a.nanos)));
      long[] applyNanos = new long[writes];
      for (int i = 0; i < writes; i++) {
        applyNanos[i] = commit[i] - start[i];
      }
      System.out.println(summary(backend + ": apply (commit) alone", applyNanos, writes));
    } finally {
      running.forEach(Watch::close);
    }
  }

  private static String line(String what, long[] revision, long[] start, Map<Long, Long> arrivals) {
    long[] lat = new long[revision.length];
    int n = 0;
    for (int i = 0; i < revision.length; i++) {
      Long at = arrivals.get(revision[i]);
      if (at != null) {
        lat[n++] = at - start[i];
      }
    }
    return summary(what, Arrays.copyOf(lat, n), revision.length);
  }

  private static String summary(String what, long[] nanos, int expected) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      return what + ": nothing received";
    }
    return String.format("%-48s n=%d/%d  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms", what, s.length,
        expected, pct(s, 50), pct(s, 90), pct(s, 99), s[s.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static String loadAverage() {
    return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
