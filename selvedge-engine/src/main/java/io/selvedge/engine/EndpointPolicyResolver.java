package io.selvedge.engine;

import io.selvedge.engine.index.PolicySorter;
import io.selvedge.engine.index.PolicySorter.PolicyOrder;
import io.selvedge.engine.index.PolicySorter.SortedTier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link LocalEndpoint}: splits the policies that select the endpoint into policy
 * classes (spec §4.2, G13) and orders each class with the {@link PolicySorter}.
 *
 * <ul>
 *   <li>Workload endpoint: NORMAL only — doNotTrack and preDNAT policies never apply to it.
 *   <li>Host endpoint: doNotTrack → UNTRACKED; preDNAT → PRE_DNAT (ingress only); otherwise
 *       NORMAL, and also FORWARD when applyOnForward. A {@code *} host endpoint gets no
 *       UNTRACKED tiers (Felix ignores doNotTrack policy on it, spec §4.1), so the renderer and
 *       the evaluator need not know that rule.
 *   <li>Per class and direction only policies whose types include the direction; a tier with
 *       no policy in either direction is left out; UNTRACKED and PRE_DNAT tiers end in PASS.
 * </ul>
 *
 * Stateless; O(m log m) for m matching policies. A workload's tiers depend only on which
 * policies select it, so {@link #workloadTiers} lets a resolution pass compute them once per
 * distinct selection (thousands of workloads of a node share a few hundred selections).
 */
final class EndpointPolicyResolver {
  private EndpointPolicyResolver() {}

  /** What the graph knows of a local endpoint apart from policies. */
  record EndpointData(EndpointId id, String interfaceName, List<Cidr> addresses, List<ProfileId> profiles) {
    EndpointData {
      addresses = List.copyOf(addresses);
      profiles = List.copyOf(profiles);
    }

    boolean isHost() {
      return id.type() == EndpointId.Type.HOST;
    }
  }

  static LocalEndpoint resolve(EndpointData ep, Map<String, String> labels, Collection<ParsedPolicy> matching,
      PolicySorter sorter) {
    List<ParsedPolicy> normal = new ArrayList<>();
    List<ParsedPolicy> untracked = new ArrayList<>();
    List<ParsedPolicy> preDnat = new ArrayList<>();
    List<ParsedPolicy> forward = new ArrayList<>();
    for (ParsedPolicy p : matching) {
      switch (p.hostClass()) {
        case UNTRACKED -> untracked.add(p);
        case PRE_DNAT -> preDnat.add(p);
        default -> {
          normal.add(p);
          if (p.applyOnForward()) {
            forward.add(p);
          }
        }
      }
    }
    boolean host = ep.isHost();
    boolean wildcard = host && "*".equals(ep.interfaceName());
    return new LocalEndpoint(ep.id(), ep.interfaceName(), ep.addresses(), labels, ep.profiles(),
        tiers(normal, PolicyClass.NORMAL, sorter),
        host && !wildcard ? tiers(untracked, PolicyClass.UNTRACKED, sorter) : List.of(),
        host ? tiers(preDnat, PolicyClass.PRE_DNAT, sorter) : List.of(),
        host ? tiers(forward, PolicyClass.FORWARD, sorter) : List.of());
  }

  /**
   * The NORMAL tiers of a workload endpoint selected by exactly these policies: what
   * {@link #resolve} gives a workload, without the endpoint.
   */
  static List<TierPolicies> workloadTiers(Collection<ParsedPolicy> matching, PolicySorter sorter) {
    List<ParsedPolicy> normal = new ArrayList<>();
    for (ParsedPolicy p : matching) {
      if (p.hostClass() != PolicyClass.UNTRACKED && p.hostClass() != PolicyClass.PRE_DNAT) {
        normal.add(p);
      }
    }
    return tiers(normal, PolicyClass.NORMAL, sorter);
  }

  /** A workload endpoint with its tiers from {@link #workloadTiers}. */
  static LocalEndpoint workload(EndpointData ep, Map<String, String> labels, List<TierPolicies> normal) {
    if (ep.isHost()) {
      throw new IllegalArgumentException(ep.id() + " is not a workload endpoint");
    }
    return new LocalEndpoint(ep.id(), ep.interfaceName(), ep.addresses(), labels, ep.profiles(), normal, List.of(),
        List.of(), List.of());
  }

  private static List<TierPolicies> tiers(List<ParsedPolicy> policies, PolicyClass pc, PolicySorter sorter) {
    if (policies.isEmpty()) {
      return List.of();
    }
    Map<PolicyId, ParsedPolicy> byId = new java.util.HashMap<>();
    List<PolicyOrder> orders = new ArrayList<>(policies.size());
    for (ParsedPolicy p : policies) {
      byId.put(p.id(), p);
      orders.add(new PolicyOrder(p.id(), p.tier(), p.order()));
    }
    List<TierPolicies> out = new ArrayList<>();
    for (SortedTier st : sorter.sort(orders)) {
      List<PolicyId> ingress = new ArrayList<>();
      List<PolicyId> egress = new ArrayList<>();
      for (PolicyOrder po : st.policies()) {
        ParsedPolicy p = byId.get(po.id());
        if (p.types().contains(Direction.INGRESS)) {
          ingress.add(p.id());
        }
        if (p.types().contains(Direction.EGRESS) && pc != PolicyClass.PRE_DNAT) {
          egress.add(p.id());
        }
      }
      if (ingress.isEmpty() && egress.isEmpty()) {
        continue;
      }
      TierDefault action = pc == PolicyClass.UNTRACKED || pc == PolicyClass.PRE_DNAT
          ? TierDefault.PASS : st.tier().defaultAction();
      out.add(new TierPolicies(st.tier().name(), action, ingress, egress));
    }
    return out;
  }
}
