package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.TierSpec;
import java.util.Map;

/**
 * Checks a Tier: order (finite; absent means 1,000,000), defaultAction ({@code Deny}, the
 * default, or {@code Pass}), and the fixed order and default action of the built-in tiers:
 * {@code kube-admin} 1000/Pass, {@code default} 1,000,000/Deny, {@code kube-baseline}
 * 10,000,000/Pass. (The name rule, a DNS label of at most 63 characters, is in
 * {@link MetadataValidator}.)
 */
final class TierValidator {
  private record BuiltIn(double order, String defaultAction) {}

  private static final Map<String, BuiltIn> BUILT_INS = Map.of(
      "kube-admin", new BuiltIn(1_000, "Pass"),
      "default", new BuiltIn(1_000_000, "Deny"),
      "kube-baseline", new BuiltIn(10_000_000, "Pass"));

  private TierValidator() {}

  static void validate(String name, TierSpec spec, ViolationCollector c) {
    ViolationCollector cs = c.field("spec");
    double order = spec.order() == null ? TierSpec.DEFAULT_ORDER : spec.order();
    if (!Double.isFinite(order)) {
      cs.field("order").add(spec.order() + " is not a finite number (any finite number; absent means "
          + (long) TierSpec.DEFAULT_ORDER + ")");
    }
    String action = spec.defaultAction() == null ? "Deny" : spec.defaultAction();
    if (!action.equals("Deny") && !action.equals("Pass")) {
      cs.field("defaultAction").add(UserText.quoted(action) + " is not a tier default action (Deny or Pass)");
    }
    BuiltIn builtIn = BUILT_INS.get(name);
    if (builtIn != null) {
      if (order != builtIn.order()) {
        cs.field("order").add("the " + name + " tier must have order " + (long) builtIn.order()
            + (spec.order() == null ? " (it is unset, which means " + (long) TierSpec.DEFAULT_ORDER + ")"
                : " (it has " + format(order) + ")"));
      }
      if (!action.equals(builtIn.defaultAction())) {
        cs.field("defaultAction").add("the " + name + " tier must have defaultAction " + builtIn.defaultAction()
            + " (it has " + action + (spec.defaultAction() == null ? ", the default" : "") + ")");
      }
    }
  }

  private static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
