package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.ProfileSpec;
import io.selvedge.model.Rule;
import java.util.List;

/**
 * Checks a Profile: its rule lists (at most 1024 rules each, every rule as in a policy) and
 * {@code labelsToApply} (label keys and values). The built-in profile
 * {@code projectcalico-default-allow} cannot be defined by users.
 */
final class ProfileValidator {
  static final String DEFAULT_ALLOW = "projectcalico-default-allow";

  private final RuleValidator rules;

  ProfileValidator(RuleValidator rules) {
    this.rules = rules;
  }

  void validate(String name, ProfileSpec spec, ViolationCollector c) {
    if (DEFAULT_ALLOW.equals(name)) {
      c.field("metadata").field("name").add(UserText.quoted(name) + " is a built-in profile (choose another name)");
    }
    ViolationCollector cs = c.field("spec");
    ruleList(spec.ingress(), cs.field("ingress"));
    ruleList(spec.egress(), cs.field("egress"));
    MetadataValidator.labels(spec.labelsToApply(), cs.field("labelsToApply"));
  }

  private void ruleList(List<Rule> list, ViolationCollector c) {
    if (list.size() > PolicyValidator.MAX_RULES) {
      c.add("has " + list.size() + " rules, " + (list.size() - PolicyValidator.MAX_RULES)
          + " too many (at most " + PolicyValidator.MAX_RULES + ")");
    }
    for (int i = 0; i < list.size(); i++) {
      rules.validate(list.get(i), c.index(i));
    }
  }
}
