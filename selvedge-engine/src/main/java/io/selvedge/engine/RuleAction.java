package io.selvedge.engine;

import io.selvedge.model.Action;

/**
 * What a matching rule does (spec §3.7): ALLOW and DENY end evaluation, PASS skips to the next
 * tier (or ends the profile), LOG records and continues with the next rule.
 */
public enum RuleAction {
  ALLOW,
  DENY,
  PASS,
  LOG;

  /** The backend's reading: a missing action is Allow (spec §1.2, last paragraph). */
  public static RuleAction of(Action action) {
    if (action == null) {
      return ALLOW;
    }
    return switch (action) {
      case Allow -> ALLOW;
      case Deny -> DENY;
      case Pass -> PASS;
      case Log -> LOG;
    };
  }
}
