package io.selvedge.engine.explain;

import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the IP-set references of rules while a state is compiled, once per set however many
 * rules reference it: selector sets become {@link AddressSet}s (an {@link Ipv4PrefixTable} for
 * IPv4 sets of at least {@link #TABLE_THRESHOLD} members, unless told otherwise,  and,
 * for smaller ones, an {@link Ipv4HostSet} if every member is a single address, else
 * {@link Ipv4Ranges}; with a threshold of {@link Integer#MAX_VALUE}, the
 * reference for tests, every set is the state's own {@link io.selvedge.engine.DisjointCidrs}),
 * named-port sets {@link NamedPortLookup}s. A reference the state does not hold reads as an empty set. Used by one
 * thread during compilation.
 */
final class SetResolver {
  /** Below this size a plain binary search is as fast and costs nothing extra. */
  static final int TABLE_THRESHOLD = 4096;

  private final Map<IpSetKey, IpSet> sets;
  private final int tableThreshold;
  private final Map<IpSetKey, AddressSet> addressSets = new HashMap<>();
  private final Map<IpSetKey, NamedPortLookup> namedPorts = new HashMap<>();

  SetResolver(Map<IpSetKey, IpSet> sets, int tableThreshold) {
    this.sets = sets;
    this.tableThreshold = tableThreshold;
  }

  AddressSet addresses(String id, IpFamily family) {
    return addressSets.computeIfAbsent(new IpSetKey(id, family), k -> {
      IpSet s = sets.get(k);
      DisjointCidrs nets = s == null ? DisjointCidrs.empty(family) : s.nets();
      if (family == IpFamily.V6 || tableThreshold == Integer.MAX_VALUE) {
        return AddressSet.of(nets);
      }
      if (nets.size() >= tableThreshold) {
        return new Ipv4PrefixTable(nets);
      }
      Ipv4HostSet hosts = Ipv4HostSet.of(nets);
      return hosts != null ? hosts : new Ipv4Ranges(nets);
    });
  }

  NamedPortLookup namedPorts(String id, IpFamily family) {
    return namedPorts.computeIfAbsent(new IpSetKey(id, family), k -> {
      IpSet s = sets.get(k);
      return s == null ? NamedPortLookup.EMPTY : NamedPortLookup.of(s.namedPorts());
    });
  }
}
