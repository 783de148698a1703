package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Exact lookup of single addresses (host prefixes) to values, per family: an open-addressing
 * hash table (linear probing, at most a quarter full) over primitive arrays. A lookup is one hash
 * and usually one probe, allocation-free — the evaluator resolves both addresses of every flow
 * here, and a binary search over a node's hundreds of addresses cost more than the rest of the
 * hop resolution. When several values claim one address the first one added wins (callers add
 * in a deliberate order). Immutable once built; thread-safe.
 *
 * @param <T> the value type
 */
final class AddressIndex<T> {
  private final Table v4;
  private final Table v6;

  /**
   * One family's table. A slot is free when its value is null; its key is then 0/0. Each key's
   * two halves sit side by side, so that a probe reads one line of keys and one of values.
   */
  private static final class Table {
    final long[] keys;
    final Object[] values;
    final int mask;

    /** At most a quarter full, so that collisions, which cost a second probe, are rare. */
    static Table forEntries(int entries) {
      return new Table(Integer.highestOneBit(Math.max(4, entries) * 2 - 1) << 2);
    }

    Table(int slots) {
      keys = new long[2 * slots];
      values = new Object[slots];
      mask = slots - 1;
    }

    /** Keeps the first value of an address. */
    void putIfAbsent(long h, long l, Object value) {
      int i = slot(h, l, mask);
      while (values[i] != null) {
        if (keys[2 * i] == h && keys[2 * i + 1] == l) {
          return;
        }
        i = (i + 1) & mask;
      }
      keys[2 * i] = h;
      keys[2 * i + 1] = l;
      values[i] = value;
    }

    /**
     * One branch per probe, taken at the first one unless two addresses collide: a free slot
     * ends the search as a found address does, and both answer with the slot's value (a free
     * slot's null also for the key 0/0, which is right: that key would have been put there).
     * Whether an address is local is as random as the flows, so a branch on it here would be
     * mispredicted half the time.
     */
    Object get(long h, long l) {
      for (int i = slot(h, l, mask); ; i = (i + 1) & mask) {
        Object v = values[i];
        if (v == null | (keys[2 * i] == h & keys[2 * i + 1] == l)) {
          return v;
        }
      }
    }
  }

  private AddressIndex(Table v4, Table v6) {
    this.v4 = v4;
    this.v6 = v6;
  }

  private static Table table(List<? extends Entry<?>> entries, IpFamily f) {
    int n = 0;
    for (Entry<?> e : entries) {
      n += e.address.family() == f ? 1 : 0;
    }
    Table t = Table.forEntries(n);
    for (Entry<?> e : entries) {
      if (e.address.family() == f) {
        t.putIfAbsent(e.address.hi(), e.address.lo(), e.value);
      }
    }
    return t;
  }

  /** Fibonacci hashing of both halves; IPv4 addresses live in the top 32 bits of {@code hi}. */
  private static int slot(long hi, long lo, int mask) {
    long x = (hi ^ Long.rotateLeft(lo, 29)) * 0x9E37_79B9_7F4A_7C15L;
    return (int) (x >>> 32) & mask;
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
      return new AddressIndex<>(table(entries, IpFamily.V4), table(entries, IpFamily.V6));
    }
  }

  /**
   * The same addresses with every value replaced by {@code f(value)}, computed once per distinct
   * value (by identity), so that a value shared by several addresses maps to one result.
   */
  <U> AddressIndex<U> map(Function<T, U> f) {
    Map<Object, Object> done = new IdentityHashMap<>();
    return new AddressIndex<>(map(v4, f, done), map(v6, f, done));
  }

  private static <T, U> Table map(Table t, Function<T, U> f, Map<Object, Object> done) {
    Table m = new Table(t.values.length);
    for (int i = 0; i < t.values.length; i++) {
      if (t.values[i] != null) {
        @SuppressWarnings("unchecked")
        T v = (T) t.values[i];
        m.putIfAbsent(t.keys[2 * i], t.keys[2 * i + 1], done.computeIfAbsent(v, k -> f.apply(v)));
      }
    }
    return m;
  }

  /** The value for the address, or null. */
  @SuppressWarnings("unchecked")
  T get(IpFamily family, long addrHi, long addrLo) {
    return (T) (family == IpFamily.V4 ? v4 : v6).get(addrHi, addrLo);
  }

  T get(Cidr address) {
    return get(address.family(), address.hi(), address.lo());
  }
}
