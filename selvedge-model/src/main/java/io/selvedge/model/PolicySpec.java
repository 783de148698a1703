package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The spec shared by NetworkPolicy, GlobalNetworkPolicy and their staged forms. Fields that
 * only some kinds have ({@code namespaceSelector}, {@code doNotTrack}, {@code preDNAT},
 * {@code applyOnForward}: global only; {@code stagedAction}: staged only) are rejected by the
 * codec for the other kinds, so a decoded NetworkPolicy never carries them.
 *
 * <p>{@code order} null means +infinity (sorted last). {@code types} empty means "not given";
 * {@link io.selvedge.validate.PolicyDefaults} fills it as Calico's client does.
 */
@JsonPropertyOrder({"stagedAction", "tier", "order", "ingress", "egress", "selector", "types",
    "doNotTrack", "preDNAT", "applyOnForward", "serviceAccountSelector", "namespaceSelector",
    "performanceHints"})
public record PolicySpec(
    StagedAction stagedAction,
    String tier,
    Double order,
    List<Rule> ingress,
    List<Rule> egress,
    String selector,
    List<PolicyType> types,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean doNotTrack,
    @com.fasterxml.jackson.annotation.JsonProperty("preDNAT") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean preDNAT,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean applyOnForward,
    String serviceAccountSelector,
    String namespaceSelector,
    List<String> performanceHints) {
  public static final PolicySpec EMPTY = new PolicySpec(null, null, null, null, null, null, null, false, false, false, null, null, null);


  public PolicySpec {
    ingress = Immutable.list(ingress);
    egress = Immutable.list(egress);
    types = Immutable.list(types);
    performanceHints = Immutable.list(performanceHints);
  }

  /** The tier name, {@code default} when unset. */
  public String tierOrDefault() {
    return tier == null || tier.isEmpty() ? "default" : tier;
  }

  public PolicySpec withTypesAndTier(List<PolicyType> newTypes, String newTier) {
    return new PolicySpec(stagedAction, newTier, order, ingress, egress, selector, newTypes, doNotTrack,
        preDNAT, applyOnForward, serviceAccountSelector, namespaceSelector, performanceHints);
  }
}
