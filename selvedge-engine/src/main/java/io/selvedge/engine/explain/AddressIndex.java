package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact lookup of single addresses (host prefixes) to values, per family: an open-addressing
 * hash table (linear probing, at most half full) over primitive arrays. A lookup is one hash and
 * usually one probe, allocation-free — the evaluator resolves both addresses of every flow here,
 * and a binary search over a node's hundreds of addresses cost more than the rest of the hop
 * resolution. When several values claim one address the first one added wins (callers add in a
 * deliberate order). Immutable once built; thread-safe.
 *
 * @param <T> the value type
 */
final class AddressIndex<T> {
  private final Table[] tables = new Table[2];

  /**
   * One family's table; a slot is empty when its value is null. In front, a bitmap with about 16
   * bits per address, one set per address (by another part of its hash): most addresses looked
   * up are not in the table (a flow has at most one local peer), and the bitmap answers those
   * with one read of a few hundred bytes and a branch that rarely goes the other way, where the
   * probe would compare keys or meet a free slot about as often as not.
   */
  private static final class Table {
    final long[] hi;
    final long[] lo;
    final Object[] values;
    final int mask;
    final long[] filter;
    final int filterShift;

    Table(int entries) {
      int cap = Integer.highestOneBit(Math.max(4, entries) * 2 - 1) << 1;
      hi = new long[cap];
      lo = new long[cap];
      values = new Object[cap];
      mask = cap - 1;
      int filterBits = Integer.highestOneBit(Math.max(64, entries * 16) * 2 - 1);
      filter = new long[filterBits / 64];
      filterShift = 64 - Integer.numberOfTrailingZeros(filterBits);
    }

    /** Keeps the first value of an address. */
    void putIfAbsent(long h, long l, Object value) {
      long x = mix(h, l);
      int b = (int) (x >>> filterShift);
      filter[b >>> 6] |= 1L << b;
      int i = (int) (x >>> 32) & mask;
      while (values[i] != null) {
        if (hi[i] == h && lo[i] == l) {
          return;
        }
        i = (i + 1) & mask;
      }
      hi[i] = h;
      lo[i] = l;
      values[i] = value;
    }

    Object get(long h, long l) {
      long x = mix(h, l);
      int b = (int) (x >>> filterShift);
      if ((filter[b >>> 6] & (1L << b)) == 0) {
        return null;
      }
      int i = (int) (x >>> 32) & mask;
      Object v;
      while ((v = values[i]) != null) {
        if (hi[i] == h && lo[i] == l) {
          return v;
        }
        i = (i + 1) & mask;
      }
      return null;
    }
  }

  private AddressIndex(List<Entry<T>> entries) {
    for (IpFamily f : IpFamily.values()) {
      int n = 0;
      for (Entry<T> e : entries) {
        n += e.address.family() == f ? 1 : 0;
      }
      Table t = new Table(n);
      for (Entry<T> e : entries) {
        if (e.address.family() == f) {
          t.putIfAbsent(e.address.hi(), e.address.lo(), e.value);
        }
      }
      tables[f.ordinal()] = t;
    }
  }

  /**
   * Fibonacci hashing of both halves; IPv4 addresses live in the top 32 bits of {@code hi}, so
   * only the top half of the product depends on them: the slot comes from its low bits, the
   * filter bit from its high bits.
   */
  private static long mix(long hi, long lo) {
    return (hi ^ Long.rotateLeft(lo, 29)) * 0x9E37_79B9_7F4A_7C15L;
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

  /**
   * The same addresses with every value replaced by {@code f(value)}, computed once per distinct
   * value (by identity), so that a value shared by several addresses maps to one result.
   */
  <U> AddressIndex<U> map(java.util.function.Function<T, U> f) {
    java.util.Map<Object, Object> done = new java.util.IdentityHashMap<>();
    AddressIndex<U> out = new AddressIndex<>(List.of());
    for (int fam = 0; fam < tables.length; fam++) {
      Table t = tables[fam];
      Table m = new Table(t.values.length / 2);
      for (int i = 0; i < t.values.length; i++) {
        if (t.values[i] != null) {
          @SuppressWarnings("unchecked")
          T v = (T) t.values[i];
          m.putIfAbsent(t.hi[i], t.lo[i], done.computeIfAbsent(v, k -> f.apply(v)));
        }
      }
      out.tables[fam] = m;
    }
    return out;
  }

  /** The value for the address, or null. */
  @SuppressWarnings("unchecked")
  T get(IpFamily family, long addrHi, long addrLo) {
    return (T) tables[family.ordinal()].get(addrHi, addrLo);
  }

  T get(Cidr address) {
    return get(address.family(), address.hi(), address.lo());
  }
}
