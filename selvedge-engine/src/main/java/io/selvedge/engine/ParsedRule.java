package io.selvedge.engine;

import io.selvedge.model.Rule;
import java.util.Objects;

/**
 * A rule after the backend translation (spec §1.2 last paragraph, §3.3), before IP-family
 * filtering: action resolved, protocols as numbers, the effective IP version (explicit, or
 * inferred from the protocol <em>names</em> {@code ICMP}/{@code ICMPv6}, spec G8), sides
 * parsed. Package-private: the graph keeps one per rule of each active policy or profile.
 *
 * @param ipVersion 4, 6, or null for both
 * @param matchesNothing the rule references something that has no members on this dataplane
 *     (a Kubernetes service: not supported, spec §1.3), so it is dropped like a rule whose
 *     set is empty: it can never match
 */
record ParsedRule(
    Direction direction,
    int index,
    Rule original,
    RuleAction action,
    Integer ipVersion,
    Integer protocol,
    Integer notProtocol,
    IcmpMatch icmp,
    IcmpMatch notIcmp,
    ParsedEntity source,
    ParsedEntity destination,
    boolean hasHttpMatch,
    boolean matchesNothing) {

  ParsedRule {
    Objects.requireNonNull(direction);
    Objects.requireNonNull(original);
    Objects.requireNonNull(action);
    Objects.requireNonNull(source);
    Objects.requireNonNull(destination);
  }
}
