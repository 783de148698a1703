package io.selvedge.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves all rules of a policy or profile into {@link RuleLists} (per direction and family,
 * via {@link RuleResolver}), builds {@link ResolvedPolicy}/{@link ResolvedProfile}, and
 * synthesises the deny-all profile that stands in for a missing one (spec G26). Stateless;
 * O(rules).
 */
final class RuleListResolver {
  private RuleListResolver() {}

  /** Calico's built-in allow-all profile (used by auto host endpoints); users cannot create it. */
  static final ProfileId DEFAULT_ALLOW = new ProfileId("projectcalico-default-allow");

  static ResolvedPolicy policy(ParsedPolicy p) {
    return new ResolvedPolicy(p.id(), p.tier(), p.order(), p.types(), p.doNotTrack(), p.preDnat(),
        p.applyOnForward(), rules(p.rules(), p.tier(), p.id()));
  }

  static ResolvedProfile profile(ParsedProfile p) {
    return new ResolvedProfile(p.id(), false, rules(p.rules(), "", p.id()));
  }

  /** Felix's stand-in for a referenced profile that does not exist: one Deny rule per list. */
  static ResolvedProfile missingProfile(ProfileId id) {
    return new ResolvedProfile(id, true, single(id, io.selvedge.model.Action.Deny, RuleAction.DENY));
  }

  /** The built-in {@code projectcalico-default-allow}: one Allow rule per list. */
  static ResolvedProfile defaultAllowProfile() {
    return new ResolvedProfile(DEFAULT_ALLOW, false, single(DEFAULT_ALLOW, io.selvedge.model.Action.Allow,
        RuleAction.ALLOW));
  }

  private static RuleLists single(ProfileId id, io.selvedge.model.Action action, RuleAction resolved) {
    io.selvedge.model.Rule rule = new io.selvedge.model.Rule(action, null, null, null, null, null, null, null, null,
        null);
    List<List<ResolvedRule>> lists = new ArrayList<>();
    for (Direction d : Direction.values()) {
      for (IpFamily f : IpFamily.values()) {
        lists.add(List.of(new ResolvedRule(new RuleOrigin("", id, d, 0, rule), f, resolved, null, null, null, null,
            EndpointMatch.ANY, EndpointMatch.ANY, false)));
      }
    }
    return new RuleLists(lists.get(0), lists.get(1), lists.get(2), lists.get(3));
  }

  static RuleLists rules(ParsedRules rules, String tier, RuleOwner owner) {
    return new RuleLists(
        family(rules.ingress(), IpFamily.V4, tier, owner), family(rules.ingress(), IpFamily.V6, tier, owner),
        family(rules.egress(), IpFamily.V4, tier, owner), family(rules.egress(), IpFamily.V6, tier, owner));
  }

  private static List<ResolvedRule> family(List<ParsedRule> in, IpFamily f, String tier, RuleOwner owner) {
    List<ResolvedRule> out = new ArrayList<>(in.size());
    for (ParsedRule r : in) {
      ResolvedRule rr = RuleResolver.resolve(r, f, tier, owner);
      if (rr != null) {
        out.add(rr);
      }
    }
    return out;
  }
}
