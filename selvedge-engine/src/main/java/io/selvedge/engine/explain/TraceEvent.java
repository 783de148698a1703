package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.RuleAction;
import io.selvedge.engine.RuleOwner;
import io.selvedge.model.Rule;
import java.util.Objects;

/**
 * One line of a stage's trace, in evaluation order. A closed hierarchy; consumers dispatch with
 * {@code instanceof}. The rule-level events carry the tier ({@code ""} for profiles) so that a
 * printer can group them.
 */
public sealed interface TraceEvent {

  /** The connection is established (or related): the chain's conntrack rule accepted it. */
  record Established() implements TraceEvent {}

  /**
   * A failsafe port accepted the packet before any policy (spec §4.3, G17).
   *
   * @param bySourcePort the raw-table reverse rule (reply of a failsafe connection) matched
   */
  record FailsafeHit(FailsafePort port, boolean inbound, boolean bySourcePort) implements TraceEvent {
    public FailsafeHit {
      Objects.requireNonNull(port, "port");
    }
  }

  /**
   * A rule matched. For Log the evaluation went on; for a staged policy this is what it would
   * have done (never enforced).
   *
   * @param index the rule's index in the policy's original {@code ingress}/{@code egress} list
   * @param rule the rule as written
   * @param httpIgnored the rule has an {@code http} match, which the dataplane ignores (G18)
   */
  record RuleHit(String tier, RuleOwner owner, Direction direction, int index, RuleAction action, Rule rule,
      boolean staged, boolean httpIgnored) implements TraceEvent {
    public RuleHit {
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** A policy or profile was consulted and none of its rules matched (for staged: would do nothing). */
  record NoRuleHit(String tier, RuleOwner owner, Direction direction, boolean staged) implements TraceEvent {
    public NoRuleHit {
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(owner, "owner");
    }
  }

  /**
   * The end of a tier was reached without a verdict: {@code drops} for the end-of-tier Deny,
   * otherwise the tier's default is Pass (or the class forces Pass) and evaluation goes on.
   */
  record TierEnd(String tier, boolean drops) implements TraceEvent {
    public TierEnd {
      Objects.requireNonNull(tier, "tier");
    }
  }

  /** The endpoint lists a profile that does not exist: Calico denies in its place (spec G26). */
  record MissingProfile(ProfileId profile, Direction direction) implements TraceEvent {
    public MissingProfile {
      Objects.requireNonNull(profile, "profile");
    }
  }

  /** No tier decided and no profile allowed: the final drop of the endpoint chain. */
  record NoProfileMatched() implements TraceEvent {}

  /** A packet-path behaviour that is not a policy rule. */
  record Note(Remark remark) implements TraceEvent {
    public Note {
      Objects.requireNonNull(remark, "remark");
    }
  }
}
