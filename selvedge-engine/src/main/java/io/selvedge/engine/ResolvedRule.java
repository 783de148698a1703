package io.selvedge.engine;

import java.util.Objects;

/**
 * A rule in matchable form for one IP family: protocols as numbers, CIDRs filtered to the
 * family, selectors replaced by IP-set IDs, ports as ranges and named-port set IDs. A rule that
 * cannot match in a family (spec §3.5, G7, G8) is not resolved for it at all. A rule matches a
 * packet when every criterion holds (spec §3.4).
 *
 * @param protocol IANA protocol number, or null for any protocol
 * @param notProtocol protocol number the packet must not have, or null
 * @param icmp ICMP/ICMPv6 type (and code) that must match, or null
 * @param notIcmp ICMP type (and code) that must not match, or null
 * @param hasHttpMatch the rule had an {@code http} match, which nftables ignores (spec G18):
 *     reported by explanations, never enforced
 */
public record ResolvedRule(
    RuleOrigin origin,
    IpFamily family,
    RuleAction action,
    Integer protocol,
    Integer notProtocol,
    IcmpMatch icmp,
    IcmpMatch notIcmp,
    EndpointMatch source,
    EndpointMatch destination,
    boolean hasHttpMatch) {

  public ResolvedRule {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
  }
}
