package io.selvedge.engine;

import io.selvedge.engine.index.NamedPortSetId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a family-independent {@link ParsedRule} into the {@link ResolvedRule} of one IP family,
 * or decides it is not rendered in that family (Felix's {@code FilterRuleToIPVersion}, spec
 * §3.5):
 *
 * <ul>
 *   <li>an explicit or inferred IP version other than the family drops the rule (G8);
 *   <li>each of nets/notNets (both sides) keeps only the family's CIDRs, and a list that was
 *       non-empty but has none left drops the rule — {@code notNets} included (G7);
 *   <li>a negated list holding the family's catch-all ({@code /0}) drops the rule.
 * </ul>
 *
 * Selector IDs become IP-set references of the same family; named ports become named-port set
 * IDs. Stateless and thread-safe; O(size of the rule).
 */
final class RuleResolver {
  private RuleResolver() {}

  /** The rule for the family, or null when Calico renders nothing for it. */
  static ResolvedRule resolve(ParsedRule r, IpFamily family, String tier, RuleOwner owner) {
    if (r.matchesNothing()) {
      return null;
    }
    if (r.ipVersion() != null && r.ipVersion() != family.version()) {
      return null;
    }
    EndpointMatch src = side(r.source(), r.protocol(), family);
    EndpointMatch dst = side(r.destination(), r.protocol(), family);
    if (src == null || dst == null) {
      return null;
    }
    return new ResolvedRule(new RuleOrigin(tier, owner, r.direction(), r.index(), r.original()), family, r.action(),
        r.protocol(), r.notProtocol(), r.icmp(), r.notIcmp(), src, dst, r.hasHttpMatch());
  }

  private static EndpointMatch side(ParsedEntity e, Integer protocol, IpFamily family) {
    List<Cidr> nets = ofFamily(e.nets(), family);
    List<Cidr> notNets = ofFamily(e.notNets(), family);
    if ((!e.nets().isEmpty() && nets.isEmpty()) || (!e.notNets().isEmpty() && notNets.isEmpty())) {
      return null;
    }
    for (Cidr c : notNets) {
      if (c.length() == 0) {
        return null; // "not anything" can never match
      }
    }
    List<String> namedPortSets = new ArrayList<>();
    for (String name : e.namedPorts()) {
      namedPortSets.add(NamedPortSetId.of(e.namedPortSelectorId(), protocol, name).id());
    }
    List<String> notNamedPortSets = new ArrayList<>();
    for (String name : e.notNamedPorts()) {
      notNamedPortSets.add(NamedPortSetId.of(e.namedPortSelectorId(), protocol, name).id());
    }
    return new EndpointMatch(nets, notNets,
        e.selectorId() == null ? List.of() : List.of(e.selectorId()),
        e.notSelectorId() == null ? List.of() : List.of(e.notSelectorId()),
        e.ports(), namedPortSets, e.notPorts(), notNamedPortSets);
  }

  private static List<Cidr> ofFamily(List<Cidr> cidrs, IpFamily family) {
    if (cidrs.isEmpty()) {
      return cidrs;
    }
    List<Cidr> out = new ArrayList<>(cidrs.size());
    for (Cidr c : cidrs) {
      if (c.family() == family) {
        out.add(c);
      }
    }
    return out;
  }
}
