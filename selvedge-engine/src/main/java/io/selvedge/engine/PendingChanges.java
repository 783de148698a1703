package io.selvedge.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What was sent to a consumer versus what should be there now, for one kind of keyed value —
 * the one generic building block of the sequencer (instead of a pending and a sent map per
 * kind). {@link #put}/{@link #remove} only record the latest wish (O(1)); {@link #flush} compares
 * each recorded key with what was sent and reports only real changes, in key order: upserts of
 * values not equal to the sent ones, removals of keys that were sent. Removing a key that was
 * never sent, or putting back the sent value, reports nothing.
 *
 * <p>Not thread-safe: owned by the single-threaded calculation graph.
 */
final class PendingChanges<K extends Comparable<K>, V> {
  private static final Object REMOVED = new Object();

  private final TreeMap<K, V> sent = new TreeMap<>();
  private final Map<K, Object> pending = new HashMap<>();

  /** Records that {@code key} should have {@code value} after the next flush. */
  void put(K key, V value) {
    pending.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
  }

  /** Records that {@code key} should be absent after the next flush. */
  void remove(K key) {
    pending.put(Objects.requireNonNull(key), REMOVED);
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** The value as last sent, or null. */
  V sent(K key) {
    return sent.get(key);
  }

  /** Whether the key is sent, or pending to be. */
  boolean wantedOrSent(K key) {
    Object p = pending.get(key);
    return p != null ? p != REMOVED : sent.containsKey(key);
  }

  SortedMap<K, V> sentView() {
    return Collections.unmodifiableSortedMap(sent);
  }

  /**
   * Computes the changes since the last flush and marks them sent. Upserts go to
   * {@code upserts}, removals to {@code removals}, both in key order; callers sequence the two
   * lists (additions before removals across kinds).
   */
  @SuppressWarnings("unchecked")
  void flush(List<V> upserts, List<K> removals) {
    if (pending.isEmpty()) {
      return;
    }
    List<K> keys = new ArrayList<>(pending.keySet());
    Collections.sort(keys);
    for (K k : keys) {
      Object p = pending.get(k);
      if (p == REMOVED) {
        if (sent.remove(k) != null) {
          removals.add(k);
        }
      } else {
        V v = (V) p;
        V old = sent.put(k, v);
        if (!v.equals(old)) {
          upserts.add(v);
        }
      }
    }
    pending.clear();
  }
}
