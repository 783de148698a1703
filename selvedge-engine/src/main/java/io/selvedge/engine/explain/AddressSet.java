package io.selvedge.engine.explain;

import io.selvedge.engine.DisjointCidrs;

/**
 * Membership of an address in the (disjoint) members of a selector IP set. Implementations
 * ({@link SetResolver} picks one per set): the state's own {@link DisjointCidrs} (binary search;
 * IPv6, and the reference of the tests), and for IPv4 {@link Ipv4PrefixTable} (big sets: a table
 * indexed by the address's bytes), {@link Ipv4HostSet} (single addresses: a hash) and
 * {@link Ipv4Ranges} (other small sets: a branch-free search). Immutable and allocation-free.
 */
interface AddressSet {
  boolean contains(long addrHi, long addrLo);

  /** The state's set as is. */
  static AddressSet of(DisjointCidrs set) {
    return set::containsAddress;
  }
}
