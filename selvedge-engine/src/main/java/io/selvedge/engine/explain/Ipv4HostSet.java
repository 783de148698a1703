package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;

/**
 * Membership in a set of single IPv4 addresses (the selector sets that hold workloads: every
 * member a /32): an open-addressing hash of the addresses, at most half full, so a lookup is one
 * multiply and usually one probe in one cache line, with no search and no data-dependent branch
 * to mispredict. Sets with shorter members use {@link Ipv4Ranges}. Immutable and thread-safe;
 * {@link #contains} is allocation-free.
 */
final class Ipv4HostSet implements AddressSet {
  /** Marks a free slot; the address 0.0.0.0 itself is kept in {@link #hasZero}. */
  private static final int FREE = 0;

  private final int[] slots;
  private final int shift;
  private final boolean hasZero;

  /** The set as a hash, or null if it has a member that is not a single address. */
  static Ipv4HostSet of(DisjointCidrs set) {
    if (set.family() != IpFamily.V4) {
      throw new IllegalArgumentException("not an IPv4 set");
    }
    for (int i = 0; i < set.size(); i++) {
      if (set.get(i).length() != 32) {
        return null;
      }
    }
    return new Ipv4HostSet(set);
  }

  private Ipv4HostSet(DisjointCidrs set) {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(2, set.size() * 2 - 1));
    slots = new int[1 << bits];
    shift = 32 - bits;
    boolean zero = false;
    for (int i = 0; i < set.size(); i++) {
      Cidr c = set.get(i);
      int a = (int) (c.hi() >>> 32);
      if (a == FREE) {
        zero = true;
        continue;
      }
      int s = slot(a);
      while (slots[s] != FREE) {
        s = (s + 1) & (slots.length - 1);
      }
      slots[s] = a;
    }
    hasZero = zero;
  }

  private int slot(int a) {
    return (a * 0x9E37_79B9) >>> shift;
  }

  @Override
  public boolean contains(long addrHi, long addrLo) {
    int a = (int) (addrHi >>> 32);
    if (a == FREE) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int s = slot(a); ; s = (s + 1) & mask) {
      int v = slots[s];
      if (v == a) {
        return true;
      }
      if (v == FREE) {
        return false;
      }
    }
  }
}
