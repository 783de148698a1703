package io.selvedge.engine;

import java.util.List;

/**
 * The source or destination criteria of a resolved rule, for one IP family. Every non-empty
 * criterion must hold (AND); within a list it is OR — except {@code notNets}, {@code notIpSets}
 * and the negated ports, which must all fail to match (spec §3.4):
 *
 * <ul>
 *   <li>{@code nets}: the address is in one of them; {@code notNets}: in none.
 *   <li>{@code ipSets}: the address is in <em>every</em> listed selector IP set (Calico has at
 *       most one, the rewritten selector); {@code notIpSets}: in none of them.
 *   <li>{@code ports} / {@code namedPortSets}: if either is non-empty, the port is in one of the
 *       ranges <em>or</em> (address, protocol, port) is in one of the named-port sets.
 *   <li>{@code notPorts} / {@code notNamedPortSets}: the port is in none of the ranges and
 *       (address, protocol, port) is in none of the named-port sets.
 * </ul>
 *
 * IP set references are IDs of {@link IpSet}s of the same family as the rule.
 */
public record EndpointMatch(
    List<Cidr> nets,
    List<Cidr> notNets,
    List<String> ipSets,
    List<String> notIpSets,
    List<PortRange> ports,
    List<String> namedPortSets,
    List<PortRange> notPorts,
    List<String> notNamedPortSets) {

  public static final EndpointMatch ANY =
      new EndpointMatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public EndpointMatch {
    nets = List.copyOf(nets);
    notNets = List.copyOf(notNets);
    ipSets = List.copyOf(ipSets);
    notIpSets = List.copyOf(notIpSets);
    ports = List.copyOf(ports);
    namedPortSets = List.copyOf(namedPortSets);
    notPorts = List.copyOf(notPorts);
    notNamedPortSets = List.copyOf(notNamedPortSets);
  }

  /** Whether any port criterion is set (then only port-bearing protocols can match). */
  public boolean hasPortMatch() {
    return !ports.isEmpty() || !namedPortSets.isEmpty();
  }
}
