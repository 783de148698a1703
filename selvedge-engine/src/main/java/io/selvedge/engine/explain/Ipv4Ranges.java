package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;

/**
 * Membership in a small set of disjoint IPv4 prefixes (selector sets with networks in them:
 * network sets, feeds; sets of single addresses use {@link Ipv4HostSet}): each member as its
 * first and last address in two int arrays, searched without branches. The addresses of random
 * flows are random, so the branches of {@link DisjointCidrs#containsAddress}'s binary search
 * mispredict about every other step; here each halving step is a conditional move, and the
 * arrays are a quarter of the size of {@link DisjointCidrs}' (ints instead of longs, no length
 * array). In front, a bitmap of the /8s the members touch answers most addresses (in no
 * member's /8) with one read. Addresses are compared with the sign bit flipped, so that signed
 * comparison orders them as unsigned. Immutable and thread-safe; {@link #contains} is
 * allocation-free.
 */
final class Ipv4Ranges implements AddressSet {
  private final int[] first;
  private final int[] last;
  /** Which first bytes (/8s) any member touches, one bit each: most addresses are in none. */
  private final long[] slash8s = new long[4];

  Ipv4Ranges(DisjointCidrs set) {
    if (set.family() != IpFamily.V4) {
      throw new IllegalArgumentException("not an IPv4 set");
    }
    first = new int[set.size()];
    last = new int[set.size()];
    for (int i = 0; i < first.length; i++) {
      Cidr c = set.get(i);
      int start = (int) (c.hi() >>> 32);
      int end = start | (int) ((1L << (32 - c.length())) - 1);
      first[i] = start ^ Integer.MIN_VALUE;
      last[i] = end ^ Integer.MIN_VALUE;
      for (int b = start >>> 24; b <= end >>> 24; b++) {
        slash8s[b >>> 6] |= 1L << b;
      }
    }
  }

  @Override
  public boolean contains(long addrHi, long addrLo) {
    int addr = (int) (addrHi >>> 32);
    if ((slash8s[addr >>> 30] & (1L << (addr >>> 24))) == 0) {
      return false;
    }
    int n = first.length;
    int a = addr ^ Integer.MIN_VALUE;
    // The last member starting at or below the address; members are disjoint and sorted, so
    // only it can hold the address.
    int low = 0;
    while (n > 1) {
      int half = n >>> 1;
      low = first[low + half] <= a ? low + half : low;
      n -= half;
    }
    return first[low] <= a && a <= last[low];
  }
}
