package io.selvedge.engine;

import io.selvedge.engine.DesiredStateUpdate.EndpointRemoved;
import io.selvedge.engine.DesiredStateUpdate.EndpointUpsert;
import io.selvedge.engine.DesiredStateUpdate.IpSetDelta;
import io.selvedge.engine.DesiredStateUpdate.IpSetRemoved;
import io.selvedge.engine.DesiredStateUpdate.IpSetUpsert;
import io.selvedge.engine.DesiredStateUpdate.PolicyRemoved;
import io.selvedge.engine.DesiredStateUpdate.PolicyUpsert;
import io.selvedge.engine.DesiredStateUpdate.ProfileRemoved;
import io.selvedge.engine.DesiredStateUpdate.ProfileUpsert;
import io.selvedge.engine.index.IpSetIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Tracks what was <em>sent</em> to the consumer and turns the graph's latest wishes into an
 * ordered stream of {@link DesiredStateUpdate}s: IP set upserts and deltas first, then profile
 * and policy upserts, endpoint upserts, endpoint removals, policy and profile removals, and IP
 * set removals last (dependencies before dependants; removals in reverse). It only removes what
 * it sent and only upserts what changed ({@link PendingChanges}); a selector set already sent
 * goes out as a member delta, unless it was deactivated and re-activated in between (then whole).
 *
 * <p>Cost of a flush: O(changed keys) plus the size of each delta; a full set only when first
 * sent. Not thread-safe.
 */
final class DesiredStateSequencer {

  /**
   * What was last sent for a set: the selector set's generation, or the named-port members; and the
   * IP set of the last upsert while no delta followed it, so that {@link #sentState} right after a
   * flush reuses it instead of computing a million members again (agent start: flush, then snapshot).
   */
  private record SentSet(long generation, List<NamedPortMember> namedPorts, IpSet upserted) {}

  private final IpSetIndex<?> index;
  private final IpSetReferences refs;
  private final PendingChanges<PolicyId, ResolvedPolicy> policies = new PendingChanges<>();
  private final PendingChanges<ProfileId, ResolvedProfile> profiles = new PendingChanges<>();
  private final PendingChanges<EndpointId, LocalEndpoint> endpoints = new PendingChanges<>();
  private final Map<IpSetKey, SentSet> sentSets = new HashMap<>();

  DesiredStateSequencer(IpSetIndex<?> index, IpSetReferences refs) {
    this.index = index;
    this.refs = refs;
  }

  void putPolicy(ResolvedPolicy p) {
    policies.put(p.id(), p);
  }

  void removePolicy(PolicyId id) {
    policies.remove(id);
  }

  void putProfile(ResolvedProfile p) {
    profiles.put(p.id(), p);
  }

  void removeProfile(ProfileId id) {
    profiles.remove(id);
  }

  void putEndpoint(LocalEndpoint e) {
    endpoints.put(e.id(), e);
  }

  void removeEndpoint(EndpointId id) {
    endpoints.remove(id);
  }

  void flush(Consumer<DesiredStateUpdate> out) {
    List<DesiredStateUpdate> setAdds = new ArrayList<>();
    List<IpSetKey> setRemovals = new ArrayList<>();
    flushIpSets(setAdds, setRemovals);
    List<ResolvedProfile> profileUps = new ArrayList<>();
    List<ProfileId> profileRems = new ArrayList<>();
    profiles.flush(profileUps, profileRems);
    List<ResolvedPolicy> policyUps = new ArrayList<>();
    List<PolicyId> policyRems = new ArrayList<>();
    policies.flush(policyUps, policyRems);
    List<LocalEndpoint> endpointUps = new ArrayList<>();
    List<EndpointId> endpointRems = new ArrayList<>();
    endpoints.flush(endpointUps, endpointRems);

    setAdds.forEach(out);
    profileUps.forEach(p -> out.accept(new ProfileUpsert(p)));
    policyUps.forEach(p -> out.accept(new PolicyUpsert(p)));
    endpointUps.forEach(e -> out.accept(new EndpointUpsert(e)));
    endpointRems.forEach(e -> out.accept(new EndpointRemoved(e)));
    policyRems.forEach(p -> out.accept(new PolicyRemoved(p)));
    profileRems.forEach(p -> out.accept(new ProfileRemoved(p)));
    setRemovals.forEach(k -> out.accept(new IpSetRemoved(k)));
  }

  private void flushIpSets(List<DesiredStateUpdate> adds, List<IpSetKey> removals) {
    TreeSet<IpSetKey> keys = new TreeSet<>(refs.takeChanged());
    for (String id : index.takeTouched()) {
      for (IpFamily f : IpFamily.values()) {
        keys.add(new IpSetKey(id, f));
      }
    }
    for (IpSetKey key : keys) {
      SentSet sent = sentSets.get(key);
      if (!refs.isReferenced(key)) {
        if (sent != null) {
          sentSets.remove(key);
          removals.add(key);
          index.stopDelta(key.id(), key.family());
        }
        continue;
      }
      if (index.isSelectorSetActive(key.id())) {
        long gen = index.generation(key.id());
        if (sent == null || sent.generation() != gen) {
          IpSet set = IpSet.ofNets(key, index.members(key.id(), key.family()));
          adds.add(new IpSetUpsert(set));
          index.startDelta(key.id(), key.family());
          sentSets.put(key, new SentSet(gen, List.of(), set));
        } else {
          List<Cidr> removed = new ArrayList<>();
          List<Cidr> added = new ArrayList<>();
          index.drainDelta(key.id(), key.family(), removed, added);
          if (!removed.isEmpty() || !added.isEmpty()) {
            adds.add(new IpSetDelta(key, removed, added));
            sentSets.put(key, new SentSet(gen, List.of(), null));
          }
        }
      } else {
        List<NamedPortMember> members = index.namedPortMembers(key.id(), key.family());
        if (sent == null || !sent.namedPorts().equals(members)) {
          adds.add(new IpSetUpsert(IpSet.ofNamedPorts(key, members)));
          sentSets.put(key, new SentSet(0, members, null));
        }
      }
    }
  }

  /** The state as last flushed. O(size of the state). */
  DesiredState sentState(String node) {
    Map<IpSetKey, IpSet> sets = new TreeMap<>();
    for (Map.Entry<IpSetKey, SentSet> e : sentSets.entrySet()) {
      IpSetKey k = e.getKey();
      SentSet sent = e.getValue();
      sets.put(k, !index.isSelectorSetActive(k.id()) || sent.generation() == 0
          ? IpSet.ofNamedPorts(k, sent.namedPorts())
          : sent.upserted() != null ? sent.upserted() : IpSet.ofNets(k, index.members(k.id(), k.family())));
    }
    return new DesiredState(node, sets, policies.sentView(), profiles.sentView(), endpoints.sentView());
  }
}
