package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.EndpointMatch;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.PortRange;
import java.util.List;

/**
 * The source or destination criteria of a rule ({@link EndpointMatch}) with every reference
 * resolved: CIDRs in primitive arrays, IP sets as {@link AddressSet}s / {@link NamedPortLookup}s
 * (shared by all rules that reference them), port ranges as int pairs. {@link #matches} allocates nothing; it checks the cheap
 * criteria (ports, nets) before the IP-set lookups. A reference to an IP set the state does not
 * hold (never the case for a consistent state) reads as an empty set. Immutable.
 */
final class CompiledSide {
  private static final AddressSet[] NO_SETS = new AddressSet[0];
  private static final NamedPortLookup[] NO_NAMED = new NamedPortLookup[0];

  private final long[] netHi;
  private final long[] netLo;
  private final int[] netLen;
  private final long[] notNetHi;
  private final long[] notNetLo;
  private final int[] notNetLen;
  private final AddressSet[] sets;
  private final AddressSet[] notSets;
  private final int[] ports;
  private final NamedPortLookup[] namedPorts;
  private final int[] notPorts;
  private final NamedPortLookup[] notNamedPorts;
  private final boolean portCriterion;
  private final boolean any;

  CompiledSide(EndpointMatch m, IpFamily family, SetResolver ipSets) {
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

  private static AddressSet[] netSets(List<String> ids, IpFamily family, SetResolver ipSets) {
    if (ids.isEmpty()) {
      return NO_SETS;
    }
    AddressSet[] out = new AddressSet[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ipSets.addresses(ids.get(i), family);
    }
    return out;
  }

  private static NamedPortLookup[] namedSets(List<String> ids, IpFamily family, SetResolver ipSets) {
    if (ids.isEmpty()) {
      return NO_NAMED;
    }
    NamedPortLookup[] out = new NamedPortLookup[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ipSets.namedPorts(ids.get(i), family);
    }
    return out;
  }

  /** Whether a test of this side looks an address up in a big set's table (likely a cache miss). */
  boolean looksUpBigSet() {
    for (AddressSet s : sets) {
      if (s instanceof Ipv4PrefixTable) {
        return true;
      }
    }
    for (AddressSet s : notSets) {
      if (s instanceof Ipv4PrefixTable) {
        return true;
      }
    }
    return false;
  }

  /** Whether this side has no criterion at all. */
  boolean matchesEverything() {
    return any;
  }

  /**
   * The port ranges this side's port criterion consists of, when it has numeric ports and no
   * named ones (then a packet can only match with a port in them); null otherwise.
   */
  int[] numericOnlyPorts() {
    return ports.length > 0 && namedPorts.length == 0 ? ports : null;
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
    for (AddressSet s : sets) {
      if (!s.contains(hi, lo)) {
        return false;
      }
    }
    for (AddressSet s : notSets) {
      if (s.contains(hi, lo)) {
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
