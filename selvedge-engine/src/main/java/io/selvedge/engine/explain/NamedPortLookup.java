package io.selvedge.engine.explain;

import io.selvedge.engine.NamedPortMember;
import java.util.Arrays;
import java.util.List;

/**
 * The members of a named-port IP set ((address, protocol, port) triples, spec §3.4) in sorted
 * primitive arrays: {@link #contains} is a binary search, O(log n) and allocation-free.
 * Immutable and thread-safe.
 */
final class NamedPortLookup {
  static final NamedPortLookup EMPTY = new NamedPortLookup(new long[0], new long[0], new int[0]);

  private final long[] hi;
  private final long[] lo;
  private final int[] protoPort;

  private NamedPortLookup(long[] hi, long[] lo, int[] protoPort) {
    this.hi = hi;
    this.lo = lo;
    this.protoPort = protoPort;
  }

  static NamedPortLookup of(List<NamedPortMember> members) {
    NamedPortMember[] m = members.toArray(new NamedPortMember[0]);
    Arrays.sort(m);
    long[] hi = new long[m.length];
    long[] lo = new long[m.length];
    int[] pp = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      hi[i] = m[i].address().hi();
      lo[i] = m[i].address().lo();
      pp[i] = key(m[i].protocol(), m[i].port());
    }
    return new NamedPortLookup(hi, lo, pp);
  }

  private static int key(int protocol, int port) {
    return (protocol << 16) | port;
  }

  boolean contains(long addrHi, long addrLo, int protocol, int port) {
    int k = key(protocol, port);
    int low = 0;
    int high = hi.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = Long.compareUnsigned(hi[mid], addrHi);
      if (c == 0) {
        c = Long.compareUnsigned(lo[mid], addrLo);
      }
      if (c == 0) {
        c = Integer.compare(protoPort[mid], k);
      }
      if (c == 0) {
        return true;
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return false;
  }
}
