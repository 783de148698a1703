package io.selvedge.engine.index;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.Arrays;
import java.util.Collection;

/**
 * The addresses one item (endpoint or network set) contributes to IP sets: an immutable,
 * sorted multiset of prefixes of both families in primitive arrays (IPv4 packed as one long per
 * prefix, IPv6 as two longs and a byte), so a network set of a million CIDRs costs about 8 MB
 * rather than a million objects, and two versions of it are compared by one linear merge
 * ({@link #diff}) instead of hashing. Duplicates are kept: each counts as one reference.
 * Immutable and thread-safe.
 */
public final class PackedCidrs {
  public static final PackedCidrs EMPTY = new PackedCidrs(new long[0], new long[0], new long[0], new byte[0]);

  /** IPv4: address (32 bits) shifted left by 8, or'ed with the prefix length; sorted. */
  private final long[] v4;
  private final long[] v6hi;
  private final long[] v6lo;
  private final byte[] v6len;

  private PackedCidrs(long[] v4, long[] v6hi, long[] v6lo, byte[] v6len) {
    this.v4 = v4;
    this.v6hi = v6hi;
    this.v6lo = v6lo;
    this.v6len = v6len;
  }

  /** Receives prefixes as primitives in the {@link Cidr} bit layout. */
  public interface Sink {
    void accept(IpFamily family, long hi, long lo, int length);
  }

  public static PackedCidrs of(Collection<Cidr> cidrs) {
    Builder b = new Builder();
    for (Cidr c : cidrs) {
      b.add(c);
    }
    return b.build();
  }

  public int size() {
    return v4.length + v6hi.length;
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Number of prefixes of one family. */
  public int size(IpFamily family) {
    return family == IpFamily.V4 ? v4.length : v6hi.length;
  }

  /** Calls the sink for every prefix (IPv4 first, each family sorted). */
  public void forEach(Sink sink) {
    for (long p : v4) {
      sink.accept(IpFamily.V4, (p >>> 8) << 32, 0, (int) (p & 0xFF));
    }
    for (int i = 0; i < v6hi.length; i++) {
      sink.accept(IpFamily.V6, v6hi[i], v6lo[i], v6len[i] & 0xFF);
    }
  }

  /** Calls the sink for every prefix of one family. */
  public void forEach(IpFamily family, Sink sink) {
    if (family == IpFamily.V4) {
      for (long p : v4) {
        sink.accept(IpFamily.V4, (p >>> 8) << 32, 0, (int) (p & 0xFF));
      }
    } else {
      for (int i = 0; i < v6hi.length; i++) {
        sink.accept(IpFamily.V6, v6hi[i], v6lo[i], v6len[i] & 0xFF);
      }
    }
  }

  /**
   * Reports what to remove from {@code before} and add to get {@code after}, counting
   * duplicates. O(n + m), no allocation.
   */
  public static void diff(PackedCidrs before, PackedCidrs after, Sink removed, Sink added) {
    long[] a = before.v4;
    long[] b = after.v4;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      int c = i == a.length ? 1 : j == b.length ? -1 : Long.compare(a[i], b[j]);
      if (c == 0) {
        i++;
        j++;
      } else if (c < 0) {
        long p = a[i++];
        removed.accept(IpFamily.V4, (p >>> 8) << 32, 0, (int) (p & 0xFF));
      } else {
        long p = b[j++];
        added.accept(IpFamily.V4, (p >>> 8) << 32, 0, (int) (p & 0xFF));
      }
    }
    i = 0;
    j = 0;
    int n = before.v6hi.length;
    int m = after.v6hi.length;
    while (i < n || j < m) {
      int c = i == n ? 1 : j == m ? -1 : compare6(before, i, after, j);
      if (c == 0) {
        i++;
        j++;
      } else if (c < 0) {
        removed.accept(IpFamily.V6, before.v6hi[i], before.v6lo[i], before.v6len[i] & 0xFF);
        i++;
      } else {
        added.accept(IpFamily.V6, after.v6hi[j], after.v6lo[j], after.v6len[j] & 0xFF);
        j++;
      }
    }
  }

  /** How many times the prefix occurs. O(log n). */
  public int count(Cidr c) {
    if (c.family() == IpFamily.V4) {
      long key = ((c.hi() >>> 32) << 8) | c.length();
      int from = lowerBound4(v4, key);
      int to = from;
      while (to < v4.length && v4[to] == key) {
        to++;
      }
      return to - from;
    }
    int lo = 0;
    int hi = v6hi.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare6(mid, c.hi(), c.lo(), c.length()) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int n = 0;
    while (lo + n < v6hi.length && compare6(lo + n, c.hi(), c.lo(), c.length()) == 0) {
      n++;
    }
    return n;
  }

  private static int lowerBound4(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int compare6(int i, long h, long l, int len) {
    return Builder.cmp(v6hi[i], v6lo[i], v6len[i] & 0xFF, h, l, len);
  }

  /**
   * This multiset minus {@code removed} plus {@code added}, by one linear merge (no sort):
   * O(n + k). {@code removed} must be contained in this multiset.
   *
   * @throws IllegalArgumentException if it is not
   */
  public PackedCidrs patched(PackedCidrs removed, PackedCidrs added) {
    if (removed.isEmpty() && added.isEmpty()) {
      return this;
    }
    if (removed.v4.length > v4.length || removed.v6hi.length > v6hi.length) {
      throw notThere();
    }
    // Each array is sized for an exact removal; a removal that is not there shows as a write past
    // the end (more kept than expected) or as removals left over at the end.
    long[] a = new long[v4.length - removed.v4.length + added.v4.length];
    int n = 0;
    int r = 0;
    int d = 0;
    for (long p : v4) {
      if (r < removed.v4.length && removed.v4[r] <= p) {
        if (removed.v4[r++] == p) {
          continue;
        }
        throw notThere();
      }
      while (d < added.v4.length && added.v4[d] < p) {
        a[room(n++, a.length)] = added.v4[d++];
      }
      a[room(n++, a.length)] = p;
    }
    while (d < added.v4.length) {
      a[room(n++, a.length)] = added.v4[d++];
    }
    int m = v6hi.length - removed.v6hi.length + added.v6hi.length;
    long[] h = new long[m];
    long[] l = new long[m];
    byte[] b = new byte[m];
    n = 0;
    r = 0;
    d = 0;
    for (int i = 0; i < v6hi.length; i++) {
      if (r < removed.v6hi.length && compare6(removed, r, this, i) <= 0) {
        if (compare6(removed, r++, this, i) == 0) {
          continue;
        }
        throw notThere();
      }
      while (d < added.v6hi.length && compare6(added, d, this, i) < 0) {
        room(n, m);
        h[n] = added.v6hi[d];
        l[n] = added.v6lo[d];
        b[n++] = added.v6len[d++];
      }
      room(n, m);
      h[n] = v6hi[i];
      l[n] = v6lo[i];
      b[n++] = v6len[i];
    }
    while (d < added.v6hi.length) {
      room(n, m);
      h[n] = added.v6hi[d];
      l[n] = added.v6lo[d];
      b[n++] = added.v6len[d++];
    }
    if (r < removed.v6hi.length) {
      throw notThere();
    }
    return new PackedCidrs(a, h, l, b);
  }

  private static int room(int index, int length) {
    if (index >= length) {
      throw notThere();
    }
    return index;
  }

  private static IllegalArgumentException notThere() {
    return new IllegalArgumentException("removes a prefix that is not there");
  }

  private static int compare6(PackedCidrs x, int i, PackedCidrs y, int j) {
    int c = Long.compareUnsigned(x.v6hi[i], y.v6hi[j]);
    if (c == 0) {
      c = Long.compareUnsigned(x.v6lo[i], y.v6lo[j]);
    }
    return c != 0 ? c : Integer.compare(x.v6len[i] & 0xFF, y.v6len[j] & 0xFF);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackedCidrs p && Arrays.equals(v4, p.v4) && Arrays.equals(v6hi, p.v6hi)
        && Arrays.equals(v6lo, p.v6lo) && Arrays.equals(v6len, p.v6len);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(v4) * 31 + Arrays.hashCode(v6hi) * 7 + Arrays.hashCode(v6lo);
  }

  /**
   * Collects prefixes (any order, duplicates kept) and sorts them once. Single use: the built
   * result may take over the builder's array. Not thread-safe.
   */
  public static final class Builder {
    private long[] v4;
    private int n4;
    private long[] hi = new long[4];
    private long[] lo = new long[4];
    private byte[] len = new byte[4];
    private int n6;

    public Builder() {
      this(8);
    }

    /** A builder with room for {@code expectedV4} IPv4 prefixes before it grows. */
    public Builder(int expectedV4) {
      v4 = new long[Math.max(8, expectedV4)];
    }

    /**
     * Adds an IPv4 prefix in the packed layout of {@link io.selvedge.engine.Cidr#parseV4Packed}
     * (address with host bits clear in bits 8..39, length in bits 0..7).
     */
    public Builder addV4Packed(long packed) {
      if (n4 == v4.length) {
        v4 = Arrays.copyOf(v4, n4 * 2);
      }
      v4[n4++] = packed;
      return this;
    }

    public Builder add(Cidr c) {
      if (c.family() == IpFamily.V4) {
        addV4Packed(((c.hi() >>> 32) << 8) | c.length());
      } else {
        if (n6 == hi.length) {
          hi = Arrays.copyOf(hi, n6 * 2);
          lo = Arrays.copyOf(lo, n6 * 2);
          len = Arrays.copyOf(len, n6 * 2);
        }
        hi[n6] = c.hi();
        lo[n6] = c.lo();
        len[n6] = (byte) c.length();
        n6++;
      }
      return this;
    }

    public PackedCidrs build() {
      if (n4 == 0 && n6 == 0) {
        return EMPTY;
      }
      long[] a = n4 == v4.length ? v4 : Arrays.copyOf(v4, n4);
      v4 = null; // the array may now belong to the result: a later add or build fails
      sort4(a);
      long[] h = Arrays.copyOf(hi, n6);
      long[] l = Arrays.copyOf(lo, n6);
      byte[] b = Arrays.copyOf(len, n6);
      sort6(h, l, b, 0, n6 - 1);
      return new PackedCidrs(a, h, l, b);
    }

    /**
     * Sorts packed IPv4 prefixes (non-negative, below 2^40, so numeric order is address order).
     * Large lists — a network set of a million CIDRs, re-read on every update of the set — get
     * an LSD radix sort, 8 bits a pass: about 4x faster than {@link Arrays#sort} there (measured
     * in {@code selvedge-bench}, docs/benchmarks.md), for one scratch array of the same size.
     */
    static void sort4(long[] a) {
      if (a.length < RADIX_MIN) {
        Arrays.sort(a);
        return;
      }
      long[] src = a;
      long[] dst = new long[a.length];
      int[] count = new int[257];
      for (int shift = 0; shift < 40; shift += 8) {
        Arrays.fill(count, 0);
        for (long v : src) {
          count[(int) ((v >>> shift) & 0xFF) + 1]++;
        }
        if (count[(int) ((src[0] >>> shift) & 0xFF) + 1] == src.length) {
          continue; // every key has the same byte here: the pass would not move anything
        }
        for (int i = 0; i < 256; i++) {
          count[i + 1] += count[i];
        }
        for (long v : src) {
          dst[count[(int) ((v >>> shift) & 0xFF)]++] = v;
        }
        long[] t = src;
        src = dst;
        dst = t;
      }
      if (src != a) {
        System.arraycopy(src, 0, a, 0, a.length);
      }
    }

    /** Below this size {@link Arrays#sort} wins over the radix sort's fixed passes. */
    static final int RADIX_MIN = 4096;

    /** Quicksort of three parallel arrays by (hi, lo unsigned, len). */
    private static void sort6(long[] h, long[] l, byte[] b, int from, int to) {
      while (from < to) {
        int mid = (from + to) >>> 1;
        long ph = h[mid];
        long pl = l[mid];
        int pb = b[mid] & 0xFF;
        int i = from;
        int j = to;
        while (i <= j) {
          while (cmp(h[i], l[i], b[i] & 0xFF, ph, pl, pb) < 0) {
            i++;
          }
          while (cmp(h[j], l[j], b[j] & 0xFF, ph, pl, pb) > 0) {
            j--;
          }
          if (i <= j) {
            long t = h[i];
            h[i] = h[j];
            h[j] = t;
            t = l[i];
            l[i] = l[j];
            l[j] = t;
            byte tb = b[i];
            b[i] = b[j];
            b[j] = tb;
            i++;
            j--;
          }
        }
        // Recurse into the smaller half, loop on the larger: O(log n) stack.
        if (j - from < to - i) {
          sort6(h, l, b, from, j);
          from = i;
        } else {
          sort6(h, l, b, i, to);
          to = j;
        }
      }
    }

    private static int cmp(long h1, long l1, int b1, long h2, long l2, int b2) {
      int c = Long.compareUnsigned(h1, h2);
      if (c == 0) {
        c = Long.compareUnsigned(l1, l2);
      }
      return c != 0 ? c : Integer.compare(b1, b2);
    }
  }
}
