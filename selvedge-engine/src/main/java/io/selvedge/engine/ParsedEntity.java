package io.selvedge.engine;

import java.util.List;

/**
 * One side of a {@link ParsedRule}, family-independent: CIDRs parsed (both families), selectors
 * already rewritten (spec §3.3) and reduced to IP-set IDs, ports split into numeric ranges and
 * names. Produced by {@code RuleConverter}; turned into a per-family {@link EndpointMatch} by
 * {@link RuleResolver}.
 *
 * @param selectorId unique ID of the positive selector (the {@code notSelector} already folded
 *     in when there was a positive one, spec §3.3), or null
 * @param notSelectorId unique ID of a negative selector used as a negated set match (only when
 *     there is no positive selector), or null
 * @param namedPortSelectorId the selector whose endpoints' named ports the named-port sets of
 *     this side draw from: the positive selector, or {@code all()} (spec §3.4)
 */
record ParsedEntity(
    List<Cidr> nets,
    List<Cidr> notNets,
    String selectorId,
    String notSelectorId,
    List<PortRange> ports,
    List<String> namedPorts,
    List<PortRange> notPorts,
    List<String> notNamedPorts,
    String namedPortSelectorId) {

  static final ParsedEntity ANY = new ParsedEntity(List.of(), List.of(), null, null, List.of(), List.of(),
      List.of(), List.of(), null);

  ParsedEntity {
    nets = List.copyOf(nets);
    notNets = List.copyOf(notNets);
    ports = List.copyOf(ports);
    namedPorts = List.copyOf(namedPorts);
    notPorts = List.copyOf(notPorts);
    notNamedPorts = List.copyOf(notNamedPorts);
  }
}
