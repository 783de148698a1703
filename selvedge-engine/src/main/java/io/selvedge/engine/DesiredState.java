package io.selvedge.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything one node's dataplane must enforce, engine-agnostic (no selectors, no nft): the
 * local endpoints with their per-class tier lists, the policies and profiles those reference
 * (only active ones), and the IP sets their rules reference (only referenced ones). Consumed by
 * the nft renderer and the flow evaluator alike, so that the two can be proven equal.
 *
 * <p>Immutable (maps are sorted, unmodifiable copies) and thread-safe. {@link #apply} folds a
 * {@link DesiredStateUpdate} into a new state, which is how tests prove that the delta stream
 * and the snapshot agree; it is O(size of the state) per call and meant for tests and tools.
 */
public record DesiredState(
    String node,
    SortedMap<IpSetKey, IpSet> ipSets,
    SortedMap<PolicyId, ResolvedPolicy> policies,
    SortedMap<ProfileId, ResolvedProfile> profiles,
    SortedMap<EndpointId, LocalEndpoint> endpoints) {

  public DesiredState {
    Objects.requireNonNull(node, "node");
    ipSets = Collections.unmodifiableSortedMap(new TreeMap<>(ipSets));
    policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
    profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
    endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
  }

  public static DesiredState empty(String node) {
    return new DesiredState(node, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** Convenience overload taking any maps (copied and sorted). */
  public DesiredState(String node, Map<IpSetKey, IpSet> ipSets, Map<PolicyId, ResolvedPolicy> policies,
      Map<ProfileId, ResolvedProfile> profiles, Map<EndpointId, LocalEndpoint> endpoints) {
    this(node, new TreeMap<>(ipSets), new TreeMap<>(policies), new TreeMap<>(profiles), new TreeMap<>(endpoints));
  }

  public boolean isEmpty() {
    return ipSets.isEmpty() && policies.isEmpty() && profiles.isEmpty() && endpoints.isEmpty();
  }

  /** The IP set a rule of this family references, or null. */
  public IpSet ipSet(String id, IpFamily family) {
    return ipSets.get(new IpSetKey(id, family));
  }

  /** A new state with the update applied. Throws if the update does not fit (a sequencing bug). */
  public DesiredState apply(DesiredStateUpdate u) {
    TreeMap<IpSetKey, IpSet> s = new TreeMap<>(ipSets);
    TreeMap<PolicyId, ResolvedPolicy> p = new TreeMap<>(policies);
    TreeMap<ProfileId, ResolvedProfile> pr = new TreeMap<>(profiles);
    TreeMap<EndpointId, LocalEndpoint> e = new TreeMap<>(endpoints);
    if (u instanceof DesiredStateUpdate.IpSetUpsert x) {
      s.put(x.set().key(), x.set());
    } else if (u instanceof DesiredStateUpdate.IpSetDelta x) {
      IpSet old = require(s.get(x.key()), x);
      TreeSet<Cidr> members = new TreeSet<>(old.nets().asList());
      for (Cidr c : x.removed()) {
        if (!members.remove(c)) {
          throw new IllegalStateException("delta removes absent " + c + ": " + x);
        }
      }
      for (Cidr c : x.added()) {
        if (!members.add(c)) {
          throw new IllegalStateException("delta adds present " + c + ": " + x);
        }
      }
      s.put(x.key(), IpSet.ofNets(x.key(), DisjointCidrs.of(x.key().family(), members)));
    } else if (u instanceof DesiredStateUpdate.IpSetRemoved x) {
      require(s.remove(x.key()), x);
    } else if (u instanceof DesiredStateUpdate.PolicyUpsert x) {
      p.put(x.policy().id(), x.policy());
    } else if (u instanceof DesiredStateUpdate.PolicyRemoved x) {
      require(p.remove(x.id()), x);
    } else if (u instanceof DesiredStateUpdate.ProfileUpsert x) {
      pr.put(x.profile().id(), x.profile());
    } else if (u instanceof DesiredStateUpdate.ProfileRemoved x) {
      require(pr.remove(x.id()), x);
    } else if (u instanceof DesiredStateUpdate.EndpointUpsert x) {
      e.put(x.endpoint().id(), x.endpoint());
    } else if (u instanceof DesiredStateUpdate.EndpointRemoved x) {
      require(e.remove(x.id()), x);
    }
    return new DesiredState(node, s, p, pr, e);
  }

  private static <T> T require(T old, DesiredStateUpdate u) {
    if (old == null) {
      throw new IllegalStateException("update refers to something not sent: " + u);
    }
    return old;
  }

  /**
   * Checks referential integrity: every policy/profile an endpoint references and every IP set
   * a rule references is present. Returns the problems (empty when consistent).
   */
  public List<String> danglingReferences() {
    List<String> out = new ArrayList<>();
    for (LocalEndpoint ep : endpoints.values()) {
      for (PolicyClass pc : PolicyClass.values()) {
        for (TierPolicies t : ep.tiers(pc)) {
          for (Direction d : Direction.values()) {
            for (PolicyId id : t.policies(d)) {
              if (!policies.containsKey(id)) {
                out.add(ep.id() + " references missing " + id);
              }
            }
          }
        }
      }
      for (ProfileId id : ep.profiles()) {
        if (!profiles.containsKey(id)) {
          out.add(ep.id() + " references missing " + id);
        }
      }
    }
    List<RuleLists> all = new ArrayList<>();
    policies.values().forEach(x -> all.add(x.rules()));
    profiles.values().forEach(x -> all.add(x.rules()));
    for (RuleLists rl : all) {
      for (Direction d : Direction.values()) {
        for (IpFamily f : IpFamily.values()) {
          for (ResolvedRule r : rl.get(d, f)) {
            for (EndpointMatch m : List.of(r.source(), r.destination())) {
              for (List<String> ids : List.of(m.ipSets(), m.notIpSets(), m.namedPortSets(), m.notNamedPortSets())) {
                for (String id : ids) {
                  if (!ipSets.containsKey(new IpSetKey(id, f))) {
                    out.add(r.origin().owner() + " references missing IP set " + id + "/" + f);
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }
}
