package io.selvedge.validate;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.Profile;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Calico-compatible validation of {@code projectcalico.org/v3} resources: what Calico's CRD
 * schema and CEL rules, its Go validator and its client accept, for every kind Selvedge has.
 * {@link #validate} collects every violation, never stopping at the first, each with the YAML
 * path of the offending field.
 *
 * <p>Where Calico accepts something a dataplane cannot render or that can never match (a
 * catch-all CIDR in {@code notNets} in any spelling, CIDRs of the wrong family for the rule,
 * {@code notICMP} on a non-ICMP rule, non-finite orders, interface {@code *} on a workload),
 * Selvedge rejects it too. The classes that implement each kind document their rules.
 *
 * <p>Run {@link PolicyDefaults#apply} first, as Calico's client does; this class does not
 * change the resource. Network-set CIDRs with host bits are valid; {@link NetworkSetNormaliser}
 * rewrites them. Nothing here looks at other resources (whether a tier or profile exists is
 * the datastore's business).
 *
 * <p>Thread-safe and reusable.
 */
public final class Validator {
  private final PolicyValidator policies;
  private final ProfileValidator profiles;

  Validator(SelectorSyntax syntax) {
    SelectorChecker selectors = new SelectorChecker(syntax);
    RuleValidator rules = new RuleValidator(selectors);
    this.policies = new PolicyValidator(selectors, rules);
    this.profiles = new ProfileValidator(rules);
  }

  /** The validator with Calico's rules and Selvedge's selector parser. */
  public static Validator calico() {
    return new Validator(CalicoSelectorSyntax.INSTANCE);
  }

  /** Every violation in {@code r}, in field order; empty when {@code r} is valid. */
  public List<Violation> validate(Resource r) {
    List<Violation> out = new ArrayList<>();
    ViolationCollector c = ViolationCollector.root(out);
    MetadataValidator.validate(r.metadata(), r.kind(), c.field("metadata"));
    switch (r.kind()) {
      case NETWORK_POLICY -> policies.validate(r.kind(), ((NetworkPolicy) r).spec(), c.field("spec"));
      case GLOBAL_NETWORK_POLICY -> policies.validate(r.kind(), ((GlobalNetworkPolicy) r).spec(), c.field("spec"));
      case STAGED_NETWORK_POLICY -> policies.validate(r.kind(), ((StagedNetworkPolicy) r).spec(), c.field("spec"));
      case STAGED_GLOBAL_NETWORK_POLICY ->
          policies.validate(r.kind(), ((StagedGlobalNetworkPolicy) r).spec(), c.field("spec"));
      case NETWORK_SET -> NetworkSetValidator.validate(r.metadata(), ((NetworkSet) r).spec(), c);
      case GLOBAL_NETWORK_SET -> NetworkSetValidator.validate(r.metadata(), ((GlobalNetworkSet) r).spec(), c);
      case HOST_ENDPOINT -> HostEndpointValidator.validate(((HostEndpoint) r).spec(), c.field("spec"));
      case WORKLOAD_ENDPOINT -> WorkloadEndpointValidator.validate(r.metadata(), ((WorkloadEndpoint) r).spec(), c);
      case PROFILE -> profiles.validate(r.metadata().name(), ((Profile) r).spec(), c);
      case TIER -> TierValidator.validate(r.metadata().name(), ((Tier) r).spec(), c);
      case GLOBAL_THREAT_FEED -> GlobalThreatFeedValidator.validate((GlobalThreatFeed) r, c);
      default -> throw new IllegalStateException("no validation for kind " + r.kind());
    }
    return Collections.unmodifiableList(out);
  }
}
