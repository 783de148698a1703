package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;

/**
 * Fast membership for a big set of disjoint IPv4 prefixes: members of length ≤ 16 mark the /16
 * buckets they cover in a bit table; longer members (each inside one bucket) are kept sorted,
 * with the index of each bucket's first member. A lookup is one bit test, two reads of the bucket
 * index and a binary search among the bucket's members (a few on average) — a handful of cache
 * lines however big the set, where a plain binary search over a million members misses the cache
 * about ten times. Memory: 256 KiB of bucket index plus 5 bytes per member. Immutable and
 * thread-safe; built in O(n).
 */
final class Ipv4PrefixTable implements AddressSet {
  private static final int BUCKETS = 1 << 16;

  private final long[] covered = new long[BUCKETS / 64];
  private final int[] bucketStart = new int[BUCKETS + 1];
  private final int[] starts;
  private final byte[] lengths;

  Ipv4PrefixTable(DisjointCidrs set) {
    if (set.family() != IpFamily.V4) {
      throw new IllegalArgumentException("not an IPv4 set");
    }
    int n = set.size();
    int[] s = new int[n];
    byte[] l = new byte[n];
    int m = 0;
    int bucket = 0;
    // Members come sorted by address, so the long ones fill each bucket in order.
    for (int i = 0; i < n; i++) {
      Cidr c = set.get(i);
      int addr = (int) (c.hi() >>> 32);
      if (c.length() <= 16) {
        int first = addr >>> 16;
        int count = 1 << (16 - c.length());
        for (int b = first; b < first + count; b++) {
          covered[b >>> 6] |= 1L << (b & 63);
        }
        continue;
      }
      int b = addr >>> 16;
      while (bucket <= b) {
        bucketStart[bucket++] = m;
      }
      s[m] = addr;
      l[m] = (byte) c.length();
      m++;
    }
    while (bucket <= BUCKETS) {
      bucketStart[bucket++] = m;
    }
    starts = java.util.Arrays.copyOf(s, m);
    lengths = java.util.Arrays.copyOf(l, m);
  }

  @Override
  public boolean contains(long addrHi, long addrLo) {
    int addr = (int) (addrHi >>> 32);
    int b = addr >>> 16;
    if ((covered[b >>> 6] & (1L << (b & 63))) != 0) {
      return true;
    }
    int low = bucketStart[b];
    int high = bucketStart[b + 1] - 1;
    int key = addr & 0xFFFF;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if ((starts[mid] & 0xFFFF) <= key) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0) {
      return false;
    }
    int len = lengths[found];
    int mask = -1 << (32 - len);
    return (addr & mask) == starts[found];
  }
}
