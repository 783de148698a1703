package io.selvedge.validate;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import java.util.List;

/**
 * Fills in what Calico's client fills in before it validates a policy (all four policy kinds):
 * <ul>
 *   <li>{@code types}, when empty: {@code [Ingress]} if there are no egress rules (also when
 *       there are no rules at all), {@code [Egress]} if there are egress rules but no ingress
 *       rules, {@code [Ingress, Egress]} if there are both. Given types are kept as given.
 *   <li>{@code tier}, when empty: {@code default}.
 *   <li>staged policies: {@code stagedAction} {@code Set} when absent (the CRD default); a
 *       staged {@code Delete} gets empty {@code types} whatever was given (Calico's client
 *       clears them, so that the "only tier" rule of a deletion can hold).
 * </ul>
 * It does not add the {@code projectcalico.org/tier} label Calico's client adds; Selvedge
 * reads the tier from the spec.
 *
 * <p>Returns a new resource when something was filled in, the same one otherwise; other kinds
 * are returned unchanged.
 */
public final class PolicyDefaults {
  public static final String DEFAULT_TIER = "default";

  private PolicyDefaults() {}

  public static Resource apply(Resource r) {
    switch (r.kind()) {
      case NETWORK_POLICY -> {
        NetworkPolicy p = (NetworkPolicy) r;
        PolicySpec s = defaults(p.spec(), false);
        return s == p.spec() ? p : new NetworkPolicy(p.metadata(), s);
      }
      case GLOBAL_NETWORK_POLICY -> {
        GlobalNetworkPolicy p = (GlobalNetworkPolicy) r;
        PolicySpec s = defaults(p.spec(), false);
        return s == p.spec() ? p : new GlobalNetworkPolicy(p.metadata(), s);
      }
      case STAGED_NETWORK_POLICY -> {
        StagedNetworkPolicy p = (StagedNetworkPolicy) r;
        PolicySpec s = defaults(p.spec(), true);
        return s == p.spec() ? p : new StagedNetworkPolicy(p.metadata(), s);
      }
      case STAGED_GLOBAL_NETWORK_POLICY -> {
        StagedGlobalNetworkPolicy p = (StagedGlobalNetworkPolicy) r;
        PolicySpec s = defaults(p.spec(), true);
        return s == p.spec() ? p : new StagedGlobalNetworkPolicy(p.metadata(), s);
      }
      default -> {
        return r;
      }
    }
  }

  /** The types Calico's client gives a policy with these rules and no explicit types. */
  public static List<PolicyType> defaultTypes(PolicySpec spec) {
    if (spec.egress().isEmpty()) {
      return List.of(PolicyType.Ingress);
    }
    return spec.ingress().isEmpty() ? List.of(PolicyType.Egress) : List.of(PolicyType.Ingress, PolicyType.Egress);
  }

  private static PolicySpec defaults(PolicySpec s, boolean staged) {
    StagedAction action = staged && s.stagedAction() == null ? StagedAction.Set : s.stagedAction();
    List<PolicyType> types = s.types();
    if (staged && action == StagedAction.Delete) {
      types = List.of();
    } else if (types.isEmpty()) {
      types = defaultTypes(s);
    }
    String tier = s.tier() == null || s.tier().isEmpty() ? DEFAULT_TIER : s.tier();
    if (action == s.stagedAction() && types.equals(s.types()) && tier.equals(s.tier())) {
      return s;
    }
    return new PolicySpec(action, tier, s.order(), s.ingress(), s.egress(), s.selector(), types,
        s.doNotTrack(), s.preDNAT(), s.applyOnForward(), s.serviceAccountSelector(), s.namespaceSelector(),
        s.performanceHints());
  }
}
