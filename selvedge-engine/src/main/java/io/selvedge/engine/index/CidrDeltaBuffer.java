package io.selvedge.engine.index;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates a {@link CidrTrie}'s covering changes between two flushes as a net difference
 * from what was sent: a prefix added then removed (or removed then added) cancels out. While
 * not {@linkplain #track tracking} (a set not yet sent, which will be sent whole) it records
 * nothing. O(1) per change; one map entry per net change. Not thread-safe.
 */
final class CidrDeltaBuffer implements CoveringListener {
  private final IpFamily family;
  private final Map<Cidr, Boolean> changes = new HashMap<>(); // TRUE = added, FALSE = removed
  private boolean tracking;

  CidrDeltaBuffer(IpFamily family) {
    this.family = family;
  }

  /** Starts recording changes relative to the state just sent; clears anything recorded. */
  void track() {
    tracking = true;
    changes.clear();
  }

  /** Stops recording and forgets what was recorded. */
  void untrack() {
    tracking = false;
    changes.clear();
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  @Override
  public void added(long hi, long lo, int length) {
    if (tracking) {
      Cidr c = Cidr.of(family, hi, lo, length);
      if (changes.get(c) == Boolean.FALSE) {
        changes.remove(c);
      } else {
        changes.put(c, Boolean.TRUE);
      }
    }
  }

  @Override
  public void removed(long hi, long lo, int length) {
    if (tracking) {
      Cidr c = Cidr.of(family, hi, lo, length);
      if (changes.get(c) == Boolean.TRUE) {
        changes.remove(c);
      } else {
        changes.put(c, Boolean.FALSE);
      }
    }
  }

  /** Moves the recorded changes out (sorted) and starts afresh. */
  void drain(List<Cidr> removed, List<Cidr> added) {
    List<Cidr> r = new ArrayList<>();
    List<Cidr> a = new ArrayList<>();
    changes.forEach((c, isAdd) -> (isAdd ? a : r).add(c));
    r.sort(null);
    a.sort(null);
    removed.addAll(r);
    added.addAll(a);
    changes.clear();
  }
}
