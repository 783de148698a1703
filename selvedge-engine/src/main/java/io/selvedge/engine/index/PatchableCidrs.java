package io.selvedge.engine.index;

import io.selvedge.engine.Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One item's addresses, changeable by small deltas in time proportional to the delta: the
 * {@link PackedCidrs} of its last full update plus the pending count change of each prefix
 * touched since. The pending changes are folded into a new packed list (one linear merge, no
 * sort) when someone needs the whole list — a label or selector change, a full update — or
 * when they reach an eighth of the list, so a stream of deltas costs O(1) amortised per prefix
 * on top of the IP-set tries' own work. Not thread-safe.
 */
final class PatchableCidrs {
  /** Fold pending changes into the packed list beyond this many, or an eighth of the list. */
  private static final int MIN_PENDING = 4096;

  private PackedCidrs packed;
  /** Count change per prefix; never 0. */
  private final Map<Cidr, Integer> pending = new HashMap<>();

  PatchableCidrs(PackedCidrs packed) {
    this.packed = packed;
  }

  /** The whole multiset (folds pending changes first: O(n) then, O(1) otherwise). */
  PackedCidrs packed() {
    if (!pending.isEmpty()) {
      PackedCidrs.Builder removed = new PackedCidrs.Builder();
      PackedCidrs.Builder added = new PackedCidrs.Builder();
      pending.forEach((c, n) -> {
        for (int i = Math.abs(n); i > 0; i--) {
          (n < 0 ? removed : added).add(c);
        }
      });
      packed = packed.patched(removed.build(), added.build());
      pending.clear();
    }
    return packed;
  }

  boolean isEmpty() {
    return pending.isEmpty() && packed.isEmpty();
  }

  /** Whether every prefix of {@code removed} (with repeats) is there to be removed. O(k log n). */
  boolean containsAll(List<Cidr> removed) {
    Map<Cidr, Integer> wanted = new HashMap<>();
    for (Cidr c : removed) {
      wanted.merge(c, 1, Integer::sum);
    }
    for (Map.Entry<Cidr, Integer> e : wanted.entrySet()) {
      if (packed.count(e.getKey()) + pending.getOrDefault(e.getKey(), 0) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Removes then adds prefixes; the removed ones must be there ({@link #containsAll}). */
  void patch(List<Cidr> removed, List<Cidr> added) {
    for (Cidr c : removed) {
      pending.merge(c, -1, PatchableCidrs::sumOrNull);
    }
    for (Cidr c : added) {
      pending.merge(c, 1, PatchableCidrs::sumOrNull);
    }
    if (pending.size() > Math.max(MIN_PENDING, packed.size() / 8)) {
      packed();
    }
  }

  private static Integer sumOrNull(Integer a, Integer b) {
    int s = a + b;
    return s == 0 ? null : s;
  }
}
