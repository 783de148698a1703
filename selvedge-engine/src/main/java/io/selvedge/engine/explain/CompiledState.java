package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.ResolvedPolicy;
import io.selvedge.engine.ResolvedProfile;
import io.selvedge.engine.RuleLists;
import io.selvedge.engine.TierPolicies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's {@link DesiredState} compiled for evaluation: every active policy and profile compiled
 * once, every local endpoint with its chains, and the lookups the path resolver needs (workloads
 * by interface, workload and host endpoints by address, host endpoints claiming a named
 * interface, the {@code *} host endpoint). Policies or IP sets the state does not hold are read
 * as absent. Built in O(size of the state); immutable and thread-safe.
 */
final class CompiledState {
  final String node;
  final Map<String, CompiledEndpoint> workloadsByInterface = new HashMap<>();
  /** Per local address (host prefixes): the workload and the host endpoint that claim it first. */
  final AddressIndex<LocalAddress> localAddresses;
  /** Per interface name, the host endpoint with that {@code interfaceName} and the smallest name (spec §4.1). */
  final Map<String, CompiledEndpoint> namedHosts = new HashMap<>();
  /** The {@code interfaceName: "*"} host endpoint with the smallest name, or null. */
  final CompiledEndpoint wildcardHost;

  private CompiledState(DesiredState state, int tableThreshold) {
    node = state.node();
    SetResolver sets = new SetResolver(state.ipSets(), tableThreshold);
    Map<PolicyId, CompiledPolicy> policies = new HashMap<>();
    for (ResolvedPolicy p : state.policies().values()) {
      policies.put(p.id(), new CompiledPolicy(p.id(), p.staged(), false, p.rules(), sets));
    }
    Map<ProfileId, CompiledPolicy> profiles = new HashMap<>();
    for (ResolvedProfile p : state.profiles().values()) {
      profiles.put(p.id(), new CompiledPolicy(p.id(), false, p.missing(), p.rules(), sets));
    }
    Map<Cidr, CompiledEndpoint[]> claims = new LinkedHashMap<>();
    CompiledEndpoint wildcard = null;
    // Endpoints come sorted by ID, so the first to claim an address or interface has the smallest name.
    for (LocalEndpoint ep : state.endpoints().values()) {
      CompiledEndpoint ce = compile(ep, policies, profiles);
      if (ep.id().type() == EndpointId.Type.WORKLOAD) {
        workloadsByInterface.putIfAbsent(ep.interfaceName(), ce);
        for (Cidr a : ep.addresses()) {
          claim(claims, a, 0, ce);
        }
      } else {
        for (Cidr a : ep.addresses()) {
          claim(claims, a, 1, ce);
        }
        if ("*".equals(ep.interfaceName())) {
          wildcard = wildcard == null ? ce : wildcard;
        } else if (!ep.interfaceName().isEmpty()) {
          namedHosts.putIfAbsent(ep.interfaceName(), ce);
        }
      }
    }
    AddressIndex.Builder<LocalAddress> addresses = new AddressIndex.Builder<>();
    claims.forEach((a, c) -> addresses.add(a, new LocalAddress(c[0], c[1])));
    localAddresses = addresses.build();
    wildcardHost = wildcard;
  }

  /** Who claims a local address: a workload endpoint, a host endpoint, or both (either may be null). */
  record LocalAddress(CompiledEndpoint workload, CompiledEndpoint host) {}

  /** Records the first endpoint of a kind (0 workload, 1 host) to claim a single address. */
  private static void claim(Map<Cidr, CompiledEndpoint[]> claims, Cidr address, int kind, CompiledEndpoint ep) {
    if (address.length() != address.family().bits()) {
      return;
    }
    CompiledEndpoint[] c = claims.computeIfAbsent(address, k -> new CompiledEndpoint[2]);
    if (c[kind] == null) {
      c[kind] = ep;
    }
  }

  static CompiledState compile(DesiredState state) {
    return new CompiledState(state, SetResolver.TABLE_THRESHOLD);
  }

  /** For tests: IPv4 sets of at least {@code tableThreshold} members get an {@link Ipv4PrefixTable}. */
  static CompiledState compile(DesiredState state, int tableThreshold) {
    return new CompiledState(state, tableThreshold);
  }

  private static CompiledEndpoint compile(LocalEndpoint ep, Map<PolicyId, CompiledPolicy> policies,
      Map<ProfileId, CompiledPolicy> profiles) {
    CompiledTier[][] tiers = new CompiledTier[PolicyClass.values().length * 2][];
    for (PolicyClass c : PolicyClass.values()) {
      for (Direction d : Direction.values()) {
        List<CompiledTier> out = new ArrayList<>();
        for (TierPolicies t : ep.tiers(c)) {
          List<CompiledPolicy> ps = new ArrayList<>();
          for (PolicyId id : t.policies(d)) {
            CompiledPolicy p = policies.get(id);
            if (p != null) {
              ps.add(p);
            }
          }
          if (!ps.isEmpty()) {
            out.add(new CompiledTier(t.name(), ps.toArray(new CompiledPolicy[0]), t.enforcesEndOfTier(d)));
          }
        }
        tiers[CompiledEndpoint.index(c, d)] = out.toArray(new CompiledTier[0]);
      }
    }
    List<CompiledPolicy> prof = new ArrayList<>();
    for (ProfileId id : ep.profiles()) {
      CompiledPolicy p = profiles.get(id);
      // Not in the state (an inconsistent state): read as Calico reads a missing profile.
      prof.add(p != null ? p : new CompiledPolicy(id, false, true, RuleLists.EMPTY, null));
    }
    return new CompiledEndpoint(ep, tiers, prof.toArray(new CompiledPolicy[0]));
  }
}
