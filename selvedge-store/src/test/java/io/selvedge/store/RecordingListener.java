package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WatchListener} for tests: records every callback in order and lets the test wait for
 * them. Also replays snapshot + events into a state map, to compare with {@code list}.
 */
public final class RecordingListener implements WatchListener {
  /** Long enough for a loaded CI machine; tests never wait this long when things work. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /** One callback. */
  public sealed interface Signal permits Snapshot, Events, Resync, Failed { }

  public record Snapshot(long revision, List<Resource> resources) implements Signal { }

  public record Events(List<WatchEvent> events) implements Signal { }

  public record Resync(long requested, long compacted) implements Signal { }

  public record Failed(DatastoreException error) implements Signal { }

  private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
  private final List<String> threads = new ArrayList<>();
  private final Map<ResourceKey, Resource> state = new TreeMap<>();
  private long lastRevision;
  private String orderError;

  @Override
  public synchronized void onSnapshot(long revision, List<Resource> resources) {
    threads.add(Thread.currentThread().getName());
    state.clear();
    for (Resource r : resources) {
      state.put(ResourceKey.of(r), r);
    }
    lastRevision = revision;
    queue.add(new Snapshot(revision, resources));
  }

  @Override
  public synchronized void onEvents(List<WatchEvent> events) {
    threads.add(Thread.currentThread().getName());
    // Revisions must increase across batches (a batch never splits or repeats a revision)
    // and never decrease within one.
    long completed = lastRevision;
    long prev = completed;
    for (WatchEvent e : events) {
      if (e.revision() <= completed || e.revision() < prev) {
        orderError = "event at revision " + e.revision() + " after revision " + prev;
      }
      prev = e.revision();
      if (e.type() == WatchEvent.Type.DELETED) {
        state.remove(e.key());
      } else {
        state.put(e.key(), e.resource());
      }
    }
    lastRevision = prev;
    queue.add(new Events(events));
  }

  @Override
  public void onResync(long requestedRevision, long compactedRevision) {
    queue.add(new Resync(requestedRevision, compactedRevision));
  }

  @Override
  public void onError(DatastoreException error) {
    queue.add(new Failed(error));
  }

  /** The next callback, failing the test if none comes in time. */
  public Signal next() {
    try {
      Signal s = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(s).as("a watch callback within " + WAIT).isNotNull();
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next callback if one comes within {@code wait}, else null. */
  public Signal poll(Duration wait) throws InterruptedException {
    return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  public <S extends Signal> S next(Class<S> type) {
    Signal s = next();
    assertThat(s).isInstanceOf(type);
    return type.cast(s);
  }

  /** Events (flattened, in order) until one at {@code revision} or later has arrived. */
  public List<WatchEvent> eventsThrough(long revision) {
    List<WatchEvent> out = new ArrayList<>();
    while (out.isEmpty() || out.get(out.size() - 1).revision() < revision) {
      out.addAll(next(Events.class).events());
    }
    return out;
  }

  /** The state rebuilt from the snapshot and every event so far. */
  public synchronized Map<ResourceKey, Resource> state() {
    return new TreeMap<>(state);
  }

  public synchronized long lastRevision() {
    return lastRevision;
  }

  /** Null if every event arrived in revision order. */
  public synchronized String orderError() {
    return orderError;
  }

  /** Names of the threads callbacks ran on. */
  public synchronized List<String> threads() {
    return List.copyOf(threads);
  }
}
