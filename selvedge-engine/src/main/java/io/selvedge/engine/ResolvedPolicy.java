package io.selvedge.engine;

import java.util.Objects;
import java.util.Set;

/**
 * A policy as the dataplane needs it: identity, tier, order, class flags, the directions it
 * governs and its resolved rules. No selectors: which endpoints it applies to is in each
 * {@link LocalEndpoint}'s tier lists, and rule selectors became IP-set IDs.
 *
 * <p>Rules are kept for both directions even when {@code types} names only one (Calico renders
 * both policy chains); endpoints reference the policy only in the directions it governs
 * (spec G27). A {@link PolicyId#staged() staged} policy is never enforced: its rules only say
 * what it would have done.
 *
 * @param order the policy's {@code order}; null means +infinity (last)
 */
public record ResolvedPolicy(
    PolicyId id,
    String tier,
    Double order,
    Set<Direction> types,
    boolean doNotTrack,
    boolean preDnat,
    boolean applyOnForward,
    RuleLists rules) {

  public ResolvedPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tier, "tier");
    types = Set.copyOf(types);
    Objects.requireNonNull(rules, "rules");
  }

  public boolean staged() {
    return id.staged();
  }

  public boolean governs(Direction d) {
    return types.contains(d);
  }
}
