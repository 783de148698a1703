package io.selvedge.engine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, sorted list of pairwise non-overlapping prefixes of one family: the members of
 * an IP set as the dataplane must hold them (nft interval sets reject overlapping elements).
 * Stored in primitive arrays (IPv4: one long and one byte per prefix; IPv6: two longs and a
 * byte), so a million members cost about 9 MB (IPv4) instead of a million objects.
 *
 * <p>{@link #containsAddress} is a binary search, O(log n), and allocation-free — the evaluator's
 * hot path. {@link #asList()} is a view that creates {@link Cidr} objects on access, for
 * rendering. Built by the IP-set calculator ({@code io.selvedge.engine.index.CidrTrie}) or, for
 * tests and small sets, by {@link #of(IpFamily, Collection)}. Immutable and thread-safe.
 */
public final class DisjointCidrs {
  private static final long[] NO_LONGS = new long[0];
  private static final byte[] NO_BYTES = new byte[0];

  private final IpFamily family;
  private final int size;
  private final long[] hi;
  private final long[] lo;
  private final byte[] len;

  private DisjointCidrs(IpFamily family, int size, long[] hi, long[] lo, byte[] len) {
    this.family = family;
    this.size = size;
    this.hi = hi;
    this.lo = lo;
    this.len = len;
  }

  /** No members. */
  public static DisjointCidrs empty(IpFamily family) {
    return new DisjointCidrs(family, 0, NO_LONGS, family == IpFamily.V6 ? NO_LONGS : null, NO_BYTES);
  }

  /**
   * The given prefixes, sorted. Throws if any two overlap or one has another family: callers
   * must pass covering, overlap-free members.
   */
  public static DisjointCidrs of(IpFamily family, Collection<Cidr> cidrs) {
    Cidr[] sorted = cidrs.toArray(new Cidr[0]);
    Arrays.sort(sorted);
    Builder b = new Builder(family, sorted.length);
    for (Cidr c : sorted) {
      if (c.family() != family) {
        throw new IllegalArgumentException(c + " is not " + family);
      }
      b.add(c.hi(), c.lo(), c.length());
    }
    return b.build();
  }

  public IpFamily family() {
    return family;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The i-th prefix in address order (allocates one {@link Cidr}). */
  public Cidr get(int i) {
    Objects.checkIndex(i, size);
    return new Cidr(family, hi[i], lo == null ? 0 : lo[i], len[i] & 0xFF);
  }

  /** The i-th prefix's length, without allocating. */
  public int length(int i) {
    Objects.checkIndex(i, size);
    return len[i] & 0xFF;
  }

  /** The i-th prefix's high 64 bits ({@link Cidr#hi()} layout), without allocating. */
  public long hi(int i) {
    Objects.checkIndex(i, size);
    return hi[i];
  }

  /** The i-th prefix's low 64 bits ({@link Cidr#lo()}; 0 for IPv4), without allocating. */
  public long lo(int i) {
    Objects.checkIndex(i, size);
    return lo == null ? 0 : lo[i];
  }

  /** A read-only list view; each {@code get} allocates a {@link Cidr}. */
  public List<Cidr> asList() {
    return new AbstractList<>() {
      @Override
      public Cidr get(int index) {
        return DisjointCidrs.this.get(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Whether an address (Cidr bit layout: IPv4 in the top 32 bits of {@code addrHi}) is in a member. */
  public boolean containsAddress(long addrHi, long addrLo) {
    // Last member whose start <= address; members are disjoint, so only it can contain it.
    int low = 0;
    int high = size - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = Long.compareUnsigned(hi[mid], addrHi);
      if (c == 0 && lo != null) {
        c = Long.compareUnsigned(lo[mid], addrLo);
      }
      if (c <= 0) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0) {
      return false;
    }
    int l = len[found] & 0xFF;
    return (addrHi & Cidr.maskHi(l)) == hi[found] && (addrLo & Cidr.maskLo(l)) == (lo == null ? 0 : lo[found]);
  }

  /** Whether the address of {@code address} (any prefix; its first address) is in a member. */
  public boolean containsAddress(Cidr address) {
    return address.family() == family && containsAddress(address.hi(), address.lo());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DisjointCidrs d) || d.family != family || d.size != size) {
      return false;
    }
    return Arrays.equals(hi, 0, size, d.hi, 0, size)
        && (lo == null || Arrays.equals(lo, 0, size, d.lo, 0, size))
        && Arrays.equals(len, 0, size, d.len, 0, size);
  }

  @Override
  public int hashCode() {
    int h = family.hashCode();
    for (int i = 0; i < size; i++) {
      h = 31 * h + Long.hashCode(hi[i]) + (lo == null ? 0 : 7 * Long.hashCode(lo[i])) + len[i];
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < size && i < 20; i++) {
      sb.append(i == 0 ? "" : ", ").append(get(i));
    }
    return sb.append(size > 20 ? ", ... (" + size + ")]" : "]").toString();
  }

  /**
   * Appends prefixes in strictly increasing, non-overlapping order (checked) and builds a
   * {@link DisjointCidrs}. Not thread-safe; single use.
   */
  public static final class Builder {
    private final IpFamily family;
    private int size;
    private long[] hi;
    private long[] lo;
    private byte[] len;

    public Builder(IpFamily family, int expectedSize) {
      this.family = family;
      int cap = Math.max(4, expectedSize);
      this.hi = new long[cap];
      this.lo = family == IpFamily.V6 ? new long[cap] : null;
      this.len = new byte[cap];
    }

    /** Adds the next prefix; it must start after the end of the previous one. */
    public Builder add(long addrHi, long addrLo, int length) {
      if (length < 0 || length > family.bits()) {
        throw new IllegalArgumentException("prefix length " + length + " out of range for " + family);
      }
      long h = addrHi & Cidr.maskHi(length) & (family == IpFamily.V4 ? 0xFFFF_FFFF_0000_0000L : -1L);
      long l = family == IpFamily.V4 ? 0 : addrLo & Cidr.maskLo(length);
      if (size > 0) {
        // The new start must be above the previous member's last address.
        int pl = len[size - 1] & 0xFF;
        long endHi = hi[size - 1] | ~Cidr.maskHi(pl);
        long endLo = lo == null ? 0 : lo[size - 1] | ~Cidr.maskLo(pl);
        if (family == IpFamily.V4) {
          endHi &= 0xFFFF_FFFF_0000_0000L;
        }
        int c = Long.compareUnsigned(h, endHi);
        if (c == 0 && lo != null) {
          c = Long.compareUnsigned(l, endLo);
        }
        if (c <= 0) {
          throw new IllegalArgumentException("members not sorted or overlapping: "
              + new Cidr(family, hi[size - 1], lo == null ? 0 : lo[size - 1], pl) + " then "
              + new Cidr(family, h, l, length));
        }
      }
      if (size == hi.length) {
        int cap = size * 2;
        hi = Arrays.copyOf(hi, cap);
        if (lo != null) {
          lo = Arrays.copyOf(lo, cap);
        }
        len = Arrays.copyOf(len, cap);
      }
      hi[size] = h;
      if (lo != null) {
        lo[size] = l;
      }
      len[size] = (byte) length;
      size++;
      return this;
    }

    public DisjointCidrs build() {
      if (size == 0) {
        return empty(family);
      }
      // Sized right (a trie snapshot of a million members knows its size): hand the arrays over
      // instead of copying them; the builder is single use.
      DisjointCidrs out = size == hi.length
          ? new DisjointCidrs(family, size, hi, lo, len)
          : new DisjointCidrs(family, size, Arrays.copyOf(hi, size), lo == null ? null : Arrays.copyOf(lo, size),
              Arrays.copyOf(len, size));
      hi = null; // a later add fails rather than change the result
      return out;
    }
  }
}
