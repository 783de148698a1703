package io.selvedge.engine;

import java.util.List;
import java.util.Objects;

/**
 * One tier as it applies to one endpoint in one policy class: the policies that select the
 * endpoint, per direction, in evaluation order (spec §3.6), and the effective end-of-tier
 * action for this class (untracked and preDNAT classes always PASS, spec §4.2). Staged policies
 * are listed in their place; they are never enforced, and a direction whose policies are all
 * staged has no end-of-tier drop ({@link #enforcesEndOfTier}).
 */
public record TierPolicies(String name, TierDefault defaultAction, List<PolicyId> ingress, List<PolicyId> egress) {
  public TierPolicies {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultAction, "defaultAction");
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  public List<PolicyId> policies(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  /** Whether the end-of-tier default drops in this direction: DENY and a non-staged policy present. */
  public boolean enforcesEndOfTier(Direction d) {
    return defaultAction == TierDefault.DENY && policies(d).stream().anyMatch(p -> !p.staged());
  }
}
