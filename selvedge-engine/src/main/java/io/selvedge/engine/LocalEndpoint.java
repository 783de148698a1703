package io.selvedge.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An endpoint of this node and everything that applies to it, per policy class (spec §4.2):
 *
 * <ul>
 *   <li>{@code normal}: every tier with a policy selecting the endpoint, except doNotTrack and
 *       preDNAT policies. Workload endpoints have only this class (spec G13).
 *   <li>{@code untracked}: host endpoints only, doNotTrack policies; tier default forced PASS.
 *   <li>{@code preDnat}: host endpoints only, preDNAT policies (ingress only); default PASS.
 *   <li>{@code forward}: host endpoints only, normal policies with applyOnForward.
 * </ul>
 *
 * Each list holds only tiers with at least one policy for that class, in tier order. Profiles
 * are consulted (normal class only) when no tier decided; their rules are in
 * {@link DesiredState#profiles()} under these names (missing ones as synthetic deny profiles).
 *
 * @param interfaceName workload: its interface; host: its {@code interfaceName} ({@code "*"} for
 *     all interfaces, {@code ""} when bound by expected IPs only)
 * @param addresses workload {@code ipNetworks}, host {@code expectedIPs}, as prefixes
 * @param labels effective labels (own, profile, implicit; spec §3.1), for explanations
 */
public record LocalEndpoint(
    EndpointId id,
    String interfaceName,
    List<Cidr> addresses,
    Map<String, String> labels,
    List<ProfileId> profiles,
    List<TierPolicies> normal,
    List<TierPolicies> untracked,
    List<TierPolicies> preDnat,
    List<TierPolicies> forward) {

  public LocalEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(interfaceName, "interfaceName");
    addresses = List.copyOf(addresses);
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    profiles = List.copyOf(profiles);
    normal = List.copyOf(normal);
    untracked = List.copyOf(untracked);
    preDnat = List.copyOf(preDnat);
    forward = List.copyOf(forward);
  }

  /** The tiers of one policy class. */
  public List<TierPolicies> tiers(PolicyClass policyClass) {
    return switch (policyClass) {
      case NORMAL -> normal;
      case UNTRACKED -> untracked;
      case PRE_DNAT -> preDnat;
      case FORWARD -> forward;
    };
  }
}
