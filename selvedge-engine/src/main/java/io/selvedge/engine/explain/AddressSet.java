package io.selvedge.engine.explain;

import io.selvedge.engine.DisjointCidrs;

/**
 * Membership of an address in the (disjoint) members of a selector IP set. Two implementations:
 * the state's own {@link DisjointCidrs} (binary search) and, for big IPv4 sets,
 * {@link Ipv4PrefixTable} (a /16 bucket table in front of the binary search, so a lookup in a
 * million members touches a few cache lines). Implementations are immutable and allocation-free.
 */
interface AddressSet {
  boolean contains(long addrHi, long addrLo);

  /** The state's set as is. */
  static AddressSet of(DisjointCidrs set) {
    return set::containsAddress;
  }
}
