package io.selvedge.engine;

import io.selvedge.model.Rule;
import java.util.Objects;

/**
 * Where a resolved rule came from, for traces and rule comments: the tier ({@code ""} for
 * profiles), the owning policy or profile, the direction, the rule's index in the original
 * {@code ingress}/{@code egress} list (indexes survive IP-family filtering, so they always
 * point at the YAML the user wrote), and the original rule.
 */
public record RuleOrigin(String tier, RuleOwner owner, Direction direction, int index, Rule rule) {
  public RuleOrigin {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(rule, "rule");
  }
}
