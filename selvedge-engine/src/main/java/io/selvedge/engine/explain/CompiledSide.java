package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.EndpointMatch;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.PortRange;
import java.util.List;
import java.util.Map;

/**
 * The source or destination criteria of a rule ({@link EndpointMatch}) with every reference
 * resolved: CIDRs in primitive arrays, IP sets as the {@link DisjointCidrs} / named-port members
 * themselves, port ranges as int pairs. {@link #matches} allocates nothing; it checks the cheap
 * criteria (ports, nets) before the IP-set lookups. A reference to an IP set the state does not
 * hold (never the case for a consistent state) reads as an empty set. Immutable.
 */
final class CompiledSide {
  private static final DisjointCidrs[] NO_SETS = new DisjointCidrs[0];
  private static final NamedPortLookup[] NO_NAMED = new NamedPortLookup[0];

  private final long[] netHi;
  private final long[] netLo;
  private final int[] netLen;
  private final long[] notNetHi;
  private final long[] notNetLo;
  private final int[] notNetLen;
  private final DisjointCidrs[] sets;
  private final DisjointCidrs[] notSets;
  private final int[] ports;
  private final NamedPortLookup[] namedPorts;
  private final int[] notPorts;
  private final NamedPortLookup[] notNamedPorts;
  private final boolean portCriterion;
  private final boolean any;

  CompiledSide(EndpointMatch m, IpFamily family, Map<IpSetKey, IpSet> ipSets) {
    List<Cidr> nets = m.nets();
    netHi = new long[nets.size()];
    netLo = new long[nets.size()];
    netLen = new int[nets.size()];
    fill(nets, netHi, netLo, netLen);
    List<Cidr> notNets = m.notNets();
    notNetHi = new long[notNets.size()];
    notNetLo = new long[notNets.size()];
    notNetLen = new int[notNets.size()];
    fill(notNets, notNetHi, notNetLo, notNetLen);
    sets = netSets(m.ipSets(), family, ipSets);
    notSets = netSets(m.notIpSets(), family, ipSets);
    ports = ranges(m.ports());
    notPorts = ranges(m.notPorts());
    namedPorts = namedSets(m.namedPortSets(), family, ipSets);
    notNamedPorts = namedSets(m.notNamedPortSets(), family, ipSets);
    portCriterion = ports.length > 0 || namedPorts.length > 0;
    any = netHi.length == 0 && notNetHi.length == 0 && sets.length == 0 && notSets.length == 0 && !portCriterion
        && notPorts.length == 0 && notNamedPorts.length == 0;
  }

  private static void fill(List<Cidr> cidrs, long[] hi, long[] lo, int[] len) {
    for (int i = 0; i < cidrs.size(); i++) {
      hi[i] = cidrs.get(i).hi();
      lo[i] = cidrs.get(i).lo();
      len[i] = cidrs.get(i).length();
    }
  }

  private static DisjointCidrs[] netSets(List<String> ids, IpFamily family, Map<IpSetKey, IpSet> ipSets) {
    if (ids.isEmpty()) {
      return NO_SETS;
    }
    DisjointCidrs[] out = new DisjointCidrs[ids.size()];
    for (int i = 0; i < out.length; i++) {
      IpSet s = ipSets.get(new IpSetKey(ids.get(i), family));
      out[i] = s == null ? DisjointCidrs.empty(family) : s.nets();
    }
    return out;
  }

  private static NamedPortLookup[] namedSets(List<String> ids, IpFamily family, Map<IpSetKey, IpSet> ipSets) {
    if (ids.isEmpty()) {
      return NO_NAMED;
    }
    NamedPortLookup[] out = new NamedPortLookup[ids.size()];
    for (int i = 0; i < out.length; i++) {
      IpSet s = ipSets.get(new IpSetKey(ids.get(i), family));
      out[i] = s == null ? NamedPortLookup.EMPTY : NamedPortLookup.of(s.namedPorts());
    }
    return out;
  }

  private static int[] ranges(List<PortRange> ranges) {
    int[] out = new int[ranges.size() * 2];
    for (int i = 0; i < ranges.size(); i++) {
      out[2 * i] = ranges.get(i).min();
      out[2 * i + 1] = ranges.get(i).max();
    }
    return out;
  }

  /**
   * Whether the packet's address and port on this side satisfy every criterion (spec §3.4).
   * Numeric ports only match protocols with ports; named ports match by (address, protocol,
   * port) membership.
   */
  boolean matches(long hi, long lo, int protocol, int port, boolean hasPorts) {
    if (any) {
      return true;
    }
    if (portCriterion && !portMatches(hi, lo, protocol, port, hasPorts)) {
      return false;
    }
    if (hasPorts && notPorts.length > 0 && inRanges(notPorts, port)) {
      return false;
    }
    if (netHi.length > 0 && !inAny(netHi, netLo, netLen, hi, lo)) {
      return false;
    }
    if (notNetHi.length > 0 && inAny(notNetHi, notNetLo, notNetLen, hi, lo)) {
      return false;
    }
    for (DisjointCidrs s : sets) {
      if (!s.containsAddress(hi, lo)) {
        return false;
      }
    }
    for (DisjointCidrs s : notSets) {
      if (s.containsAddress(hi, lo)) {
        return false;
      }
    }
    for (NamedPortLookup n : notNamedPorts) {
      if (n.contains(hi, lo, protocol, port)) {
        return false;
      }
    }
    return true;
  }

  private boolean portMatches(long hi, long lo, int protocol, int port, boolean hasPorts) {
    if (hasPorts && inRanges(ports, port)) {
      return true;
    }
    for (NamedPortLookup n : namedPorts) {
      if (n.contains(hi, lo, protocol, port)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRanges(int[] ranges, int port) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (port >= ranges[i] && port <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean inAny(long[] hiArr, long[] loArr, int[] lenArr, long hi, long lo) {
    for (int i = 0; i < hiArr.length; i++) {
      int l = lenArr[i];
      if ((hi & Cidr.maskHi(l)) == hiArr[i] && (lo & Cidr.maskLo(l)) == loArr[i]) {
        return true;
      }
    }
    return false;
  }
}
