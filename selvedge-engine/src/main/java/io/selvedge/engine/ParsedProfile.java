package io.selvedge.engine;

import java.util.Map;

/** A profile: the labels it gives its endpoints and its parsed (globally scoped) rules. */
record ParsedProfile(ProfileId id, Map<String, String> labelsToApply, ParsedRules rules) {
  ParsedProfile {
    labelsToApply = Map.copyOf(labelsToApply);
  }
}
