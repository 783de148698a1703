package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact lookup of single addresses (host prefixes) to values, per family, by binary search over
 * sorted primitive arrays: O(log n), allocation-free. When several values claim one address the
 * first one added wins (callers add in a deliberate order). Immutable once built; thread-safe.
 *
 * @param <T> the value type
 */
final class AddressIndex<T> {
  private final long[][] hi = new long[2][];
  private final long[][] lo = new long[2][];
  private final Object[][] values = new Object[2][];

  private AddressIndex(List<Entry<T>> entries) {
    for (IpFamily f : IpFamily.values()) {
      List<Entry<T>> fam = new ArrayList<>();
      for (Entry<T> e : entries) {
        if (e.address.family() == f) {
          fam.add(e);
        }
      }
      // Stable sort keeps insertion order among equal addresses; duplicates after the first are dropped.
      fam.sort(Comparator.comparing(e -> e.address));
      List<Entry<T>> distinct = new ArrayList<>();
      for (Entry<T> e : fam) {
        if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).address.equals(e.address)) {
          distinct.add(e);
        }
      }
      int n = distinct.size();
      hi[f.ordinal()] = new long[n];
      lo[f.ordinal()] = new long[n];
      values[f.ordinal()] = new Object[n];
      for (int i = 0; i < n; i++) {
        hi[f.ordinal()][i] = distinct.get(i).address.hi();
        lo[f.ordinal()][i] = distinct.get(i).address.lo();
        values[f.ordinal()][i] = distinct.get(i).value;
      }
    }
  }

  private record Entry<T>(Cidr address, T value) {}

  /** Collects entries; only host prefixes are indexed (others are ignored). */
  static final class Builder<T> {
    private final List<Entry<T>> entries = new ArrayList<>();

    Builder<T> add(Cidr address, T value) {
      if (address.length() == address.family().bits()) {
        entries.add(new Entry<>(address, value));
      }
      return this;
    }

    AddressIndex<T> build() {
      return new AddressIndex<>(entries);
    }
  }

  /** The value for the address, or null. */
  @SuppressWarnings("unchecked")
  T get(IpFamily family, long addrHi, long addrLo) {
    long[] h = hi[family.ordinal()];
    long[] l = lo[family.ordinal()];
    int low = 0;
    int high = h.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = Long.compareUnsigned(h[mid], addrHi);
      if (c == 0) {
        c = Long.compareUnsigned(l[mid], addrLo);
      }
      if (c == 0) {
        return (T) values[family.ordinal()][mid];
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return null;
  }

  T get(Cidr address) {
    return get(address.family(), address.hi(), address.lo());
  }
}
