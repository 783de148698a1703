package io.selvedge.bench.store;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import io.selvedge.store.sqlite.SqliteDatastore;
import io.selvedge.store.sqlite.SqliteOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3, watch latency on SQLite: a writer applies one small change (a label of one
 * WorkloadEndpoint) at random intervals of 5–45 ms, so writes fall at every phase of the
 * watchers' polling; two watchers on the same file, each with its own connection and thread
 * (as an agent in another process has), report when each revision reaches them. Prints p50, p90,
 * p99 and max of
 *
 * <ul>
 *   <li>write to watcher: from just before {@code apply} to the watcher's callback, for the
 *       default options (poll every 25 ms) and, as the baseline measured in the same run, for a
 *       watcher polling every 5 ms;
 *   <li>the durable commit alone ({@code apply} call to return), the floor under both.
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
    try (ScratchStore scratch = new ScratchStore();
        Datastore fastPolling = SqliteDatastore.open(scratch.store().url(),
            new SqliteOptions(Duration.ofSeconds(10), Duration.ofMillis(5), 10_000, 256L << 20, Duration.ofSeconds(60)))) {
      Datastore store = scratch.store();
      store.apply(pod);
      long from = store.currentRevision();
      Arrivals standard = new Arrivals();
      Arrivals fast = new Arrivals();
      try (Watch w1 = store.watch(from, standard); Watch w2 = fastPolling.watch(from, fast)) {
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
        while ((standard.nanos.size() < writes || fast.nanos.size() < writes) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        System.out.printf("%d writes; load %s%n", writes, loadAverage());
        System.out.println(line("write -> watcher, poll 25 ms (default)", revision, start, standard.nanos));
        System.out.println(line("write -> watcher, poll 5 ms (baseline)", revision, start, fast.nanos));
        long[] applyNanos = new long[writes];
        for (int i = 0; i < writes; i++) {
          applyNanos[i] = commit[i] - start[i];
        }
        System.out.println(summary("apply (durable commit) alone", applyNanos, writes));
      }
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
    return String.format("%-42s n=%d/%d  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms", what, s.length,
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
