package io.selvedge.feeds;

import io.selvedge.agent.AgentLog;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.GlobalThreatFeedStatus.ErrorCondition;
import io.selvedge.model.GoDuration;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.ConflictException;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.NotFoundException;
import io.selvedge.store.StoreFields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The feed runner behind {@code selvedge feeds}: one central puller (as Calico Enterprise has
 * one intrusion-detection controller), never one per node, so a feed is fetched once per period
 * and its set has one writer.
 *
 * <p>Each {@link #tick} lists the GlobalThreatFeeds (small resources) and, for every enabled
 * feed that is due, pulls it ({@link FeedPuller}) and writes its set ({@link FeedSetWriter}).
 * A feed is due when its period has passed since its last success, right away when its spec
 * changed ({@code generation}), and {@link #RETRY_AFTER_FAILURE} (or its period, if shorter)
 * after a failure. On start, a feed whose status shows a recent success without errors waits
 * for the rest of its period.
 *
 * <p>A failure never changes the set: a failed or partial download, too many invalid entries,
 * or an empty result when the set is not empty leaves the last good content in place, and shows
 * in the feed's {@code status.errorConditions}, in {@link FeedMetrics} and in the log.
 *
 * <p>Status: the runner owns {@code status}. It keeps the status it means in memory and writes
 * it when the stored one differs, with the feed's resourceVersion as precondition, so it never
 * overwrites a user's spec or labels; on a conflict it re-reads and tries again on the next tick.
 * User writes keep the stored status ({@code apply} carries it over), and if one resets it anyway
 * the runner puts its own back on the next tick.
 *
 * <p>When a feed is deleted while the runner watches, its set is deleted too if the runner made it
 * (Calico Enterprise does the same); a disabled feed keeps its set but is not pulled.
 *
 * <p>Single-threaded: {@link #tick} and {@link #run} from one thread; {@link #stop} from any.
 */
final class FeedRunner {
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);
  static final Duration DEFAULT_PERIOD = Duration.ofHours(24);

  /** What the runner knows about one feed between ticks. */
  private static final class FeedState {
    long generation;
    Instant nextDue;
    GlobalThreatFeedStatus status;
    FeedSetWriter.Written set;
  }

  private final Datastore store;
  private final FeedPuller puller;
  private final FeedSetWriter writer;
  private final FeedMetrics metrics;
  private final Clock clock;
  private final AgentLog log;
  private final Map<String, FeedState> states = new HashMap<>();
  private volatile boolean stopped;
  private volatile Thread loop;

  FeedRunner(Datastore store, FeedPuller puller, FeedMetrics metrics, Clock clock, AgentLog log) {
    this.store = store;
    this.puller = puller;
    this.writer = new FeedSetWriter(store);
    this.metrics = metrics;
    this.clock = clock;
    this.log = log;
  }

  /**
   * One pass over the feeds.
   *
   * @param all pull every enabled feed now, due or not ({@code --once})
   * @return the number of feeds whose pull or write failed in this pass, or -1 if the datastore
   *     could not be read
   */
  int tick(boolean all) {
    List<Resource> feeds;
    try {
      feeds = store.list(Kind.GLOBAL_THREAT_FEED, null, null);
      metrics.datastore(true);
    } catch (DatastoreException e) {
      metrics.datastore(false);
      log.error("cannot list GlobalThreatFeeds: " + e.getMessage(), e);
      return -1;
    }
    int failed = 0;
    Set<String> seen = new HashSet<>();
    for (Resource r : feeds) {
      GlobalThreatFeed feed = (GlobalThreatFeed) r;
      String name = feed.metadata().name();
      seen.add(name);
      FeedState st = states.computeIfAbsent(name, n -> adopt(feed));
      if (!feed.spec().enabled()) {
        metrics.disabled(name);
        st.generation = generation(feed);
        continue;
      }
      boolean changed = generation(feed) != st.generation;
      if (all || changed || !clock.instant().isBefore(st.nextDue)) {
        if (!sync(feed, st)) {
          failed++;
        }
      }
      writeStatus(feed, st);
    }
    for (String gone : Set.copyOf(states.keySet())) {
      if (!seen.contains(gone)) {
        forget(gone);
      }
    }
    return failed;
  }

  /** Ticks every {@code poll} until {@link #stop}. */
  void run(Duration poll) {
    loop = Thread.currentThread();
    while (!stopped) {
      tick(false);
      try {
        TimeUnit.NANOSECONDS.sleep(poll.toNanos());
      } catch (InterruptedException e) {
        if (stopped) {
          break;
        }
      }
    }
  }

  void stop() {
    stopped = true;
    Thread t = loop;
    if (t != null) {
      t.interrupt();
    }
  }

  /** State for a feed first seen: its stored status, due when its last success is a period old. */
  private FeedState adopt(GlobalThreatFeed feed) {
    FeedState st = new FeedState();
    st.generation = generation(feed);
    st.status = feed.status();
    st.nextDue = clock.instant();
    GlobalThreatFeedStatus s = feed.status();
    if (s != null && s.errorConditions().isEmpty() && s.lastSuccessfulSync() != null) {
      try {
        st.nextDue = Instant.parse(s.lastSuccessfulSync()).plus(period(feed));
      } catch (java.time.format.DateTimeParseException e) {
        st.nextDue = clock.instant();
      }
    }
    if (st.nextDue.isAfter(clock.instant()) && feed.spec().enabled()) {
      log.info("feed " + feed.metadata().name() + ": last pulled at " + s.lastSuccessfulSync() + "; next pull at "
          + StoreFields.timestamp(st.nextDue));
    }
    return st;
  }

  /** Pulls and writes one feed; true on success. */
  private boolean sync(GlobalThreatFeed feed, FeedState st) {
    String name = feed.metadata().name();
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    st.generation = generation(feed);
    Duration period = period(feed);
    String lastSync = st.status == null ? null : st.status.lastSuccessfulSync();
    String lastSearch = st.status == null ? null : st.status.lastSuccessfulSearch();
    try {
      if (st.set == null) {
        st.set = writer.current(feed);
      }
      FeedPuller.Pulled pulled = puller.pull(feed.spec().pull());
      if (pulled.nets().isEmpty() && st.set.size() > 0) {
        throw new PullFailure("the pull gave no networks (from " + pulled.entries() + " entries); keeping the "
            + st.set.size() + " of the last good pull");
      }
      FeedSetWriter.Written before = st.set;
      st.set = writer.write(feed, pulled.nets(), before);
      st.status = new GlobalThreatFeedStatus(StoreFields.timestamp(start), lastSearch, List.of());
      st.nextDue = start.plus(period);
      metrics.succeeded(name, st.set.size(), pulled.invalid(), seconds(t0), start.getEpochSecond());
      log.info("feed " + name + ": " + pulled.nets().size() + " networks from " + pulled.entries() + " entries ("
          + pulled.invalid() + " invalid) of " + pulled.source() + "; set " + feed.setName()
          + (st.set == before ? " unchanged" : " written"));
      pulled.problems().forEach(p -> log.warn("feed " + name + ": " + p));
      return true;
    } catch (PullFailure e) {
      fail(feed, st, e.type(), e.getMessage(), lastSync, lastSearch, start, t0, period, null);
    } catch (DatastoreException e) {
      metrics.datastore(false);
      fail(feed, st, PullFailure.SET_SYNC_FAILED, e.getMessage(), lastSync, lastSearch, start, t0, period, e);
    }
    return false;
  }

  private void fail(GlobalThreatFeed feed, FeedState st, String type, String message, String lastSync, String lastSearch,
      Instant start, long t0, Duration period, Throwable cause) {
    String name = feed.metadata().name();
    st.status = new GlobalThreatFeedStatus(lastSync, lastSearch, List.of(new ErrorCondition(type, message)));
    st.nextDue = start.plus(period.compareTo(RETRY_AFTER_FAILURE) < 0 ? period : RETRY_AFTER_FAILURE);
    long kept = st.set == null ? 0 : st.set.size();
    metrics.failed(name, kept, seconds(t0), start.getEpochSecond());
    String left = st.set == null ? " is left as it was" : " keeps its " + kept + " networks";
    log.error("feed " + name + ": " + type + ": " + message + "; the set " + feed.setName() + left
        + "; next try at " + StoreFields.timestamp(st.nextDue), cause);
  }

  /** Writes the status the runner means if the stored one differs (resourceVersion precondition). */
  private void writeStatus(GlobalThreatFeed feed, FeedState st) {
    if (st.status == null || st.status.equals(feed.status())) {
      return;
    }
    try {
      store.update(feed.withStatus(st.status));
    } catch (ConflictException e) {
      // Someone changed the feed since we listed it; the next tick sees their version.
      log.info("feed " + feed.metadata().name() + " changed meanwhile; its status is written on the next pass");
    } catch (NotFoundException e) {
      // deleted meanwhile: forgotten on the next tick
    } catch (DatastoreException e) {
      metrics.datastore(false);
      log.error("cannot write the status of feed " + feed.metadata().name() + ": " + e.getMessage(), e);
    }
  }

  private void forget(String name) {
    states.remove(name);
    metrics.removed(name);
    try {
      if (writer.deleteIfOurs(name)) {
        log.info("feed " + name + " was deleted; deleted its set " + GlobalThreatFeed.SET_PREFIX + name);
      }
    } catch (DatastoreException e) {
      log.error("feed " + name + " was deleted but its set could not be: " + e.getMessage(), e);
    }
  }

  /**
   * The feed's period, 24h when absent. Stored feeds were validated (a Go duration of at least a
   * minute); one that is not falls back to 24h, as Calico Enterprise's controller does.
   */
  static Duration period(GlobalThreatFeed feed) {
    String p = feed.spec().pull() == null ? null : feed.spec().pull().period();
    try {
      return p == null ? DEFAULT_PERIOD : GoDuration.parse(p);
    } catch (IllegalArgumentException e) {
      return DEFAULT_PERIOD;
    }
  }

  private static long generation(GlobalThreatFeed feed) {
    return Optional.ofNullable(feed.metadata().generation()).orElse(0L);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
