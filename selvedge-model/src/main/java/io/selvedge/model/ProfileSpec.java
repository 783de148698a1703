package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** Spec of a Profile: rules evaluated after all tiers pass, and labels applied to its endpoints. */
@JsonPropertyOrder({"ingress", "egress", "labelsToApply"})
public record ProfileSpec(List<Rule> ingress, List<Rule> egress, Map<String, String> labelsToApply) {
  public static final ProfileSpec EMPTY = new ProfileSpec(null, null, null);

  public ProfileSpec {
    ingress = Immutable.list(ingress);
    egress = Immutable.list(egress);
    labelsToApply = Immutable.map(labelsToApply);
  }
}
