package io.selvedge.engine;

import io.selvedge.selector.Selector;
import java.util.Set;

/**
 * A policy after Calico's backend translation: the effective selector (spec §3.2), tier,
 * order, governed directions, class flags and parsed rules. What the graph keeps per policy.
 */
record ParsedPolicy(
    PolicyId id,
    String tier,
    Double order,
    Set<Direction> types,
    boolean doNotTrack,
    boolean preDnat,
    boolean applyOnForward,
    Selector selector,
    ParsedRules rules) {

  ParsedPolicy {
    types = Set.copyOf(types);
  }

  /** The class a host endpoint evaluates this policy in (forward is in addition to normal). */
  PolicyClass hostClass() {
    return doNotTrack ? PolicyClass.UNTRACKED : preDnat ? PolicyClass.PRE_DNAT : PolicyClass.NORMAL;
  }
}
