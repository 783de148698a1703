package io.selvedge.engine;

import io.selvedge.engine.EndpointPolicyResolver.EndpointData;
import io.selvedge.engine.index.IpSetIndex;
import io.selvedge.engine.index.LabelIndex;
import io.selvedge.engine.index.NamedPort;
import io.selvedge.engine.index.PolicySorter;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.Profile;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The calculation graph: turns the stream of resources (a snapshot, then upserts and deletes)
 * into one node's {@link DesiredState}, as a stream of {@link DesiredStateUpdate}s and as a
 * snapshot on demand. This class is the one place where the graph is wired:
 *
 * <pre>
 *  onUpdate/onDelete ─┬─ Tier ─────────────▶ PolicySorter ──────────────────────────┐ (order)
 *                     ├─ policies ─▶ PolicyConverter ─▶ policyIndex (LabelIndex:     │
 *                     │                                 local endpoints × policy     │
 *                     │                                 selectors) ── matches ──┐    │
 *                     ├─ Profile ──▶ PolicyConverter ─▶ parent labels (both     │    │
 *                     │                                 indexes)                ▼    ▼
 *                     ├─ WEP/HEP (this node) ─▶ policyIndex ─────────▶ EndpointPolicyResolver
 *                     ├─ WEP/HEP (every node), NetworkSet, GlobalNetworkSet       │
 *                     │      ─▶ ipSetIndex (LabelIndex × CidrTrie per set)         │
 *                     │                 ▲ activate/deactivate                     │
 *                     │   IpSetReferences ◀── RuleListResolver (active policies,  │
 *                     │                        referenced profiles)               │
 *  flush() ─────────────────────────────────▶ DesiredStateSequencer ◀─────────────┘
 *                                               (sent state, ordered deltas)
 * </pre>
 *
 * <p>Updates record changes cheaply: label indexes and IP-set tries are updated at once
 * (proportional to what changed), while policies, profiles and endpoints are only marked
 * dirty and resolved at {@link #flush}. Only policies that select a local endpoint, profiles a
 * local endpoint references, and IP sets their rules reference are in the output. Policy
 * selectors are evaluated against this node's endpoints only; rule selectors against the
 * endpoints and network sets of every node.
 *
 * <p>A resource the engine cannot use (unparseable selector, unknown protocol) is treated as
 * absent, as Felix does (spec G20), and reported by {@link #problems()}.
 *
 * <p>Deterministic and single-threaded: not thread-safe; drive it from one thread.
 */
public final class CalculationGraph {

  /** Key of any resource the graph holds. */
  private record Key(Kind kind, String namespace, String name) {
    static Key of(Resource r) {
      return new Key(r.kind(), r.kind().namespaced() ? nz(r.metadata().namespace()) : "", r.metadata().name());
    }

    @Override
    public int hashCode() {
      return IdHash.of(kind.ordinal(), namespace, name);
    }

    @Override
    public String toString() {
      return kind.apiName() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
  }

  private final String node;
  private final TypesDefaulting typesDefaulting;
  private final PolicySorter sorter = new PolicySorter();
  private final Map<PolicyId, ParsedPolicy> policies = new HashMap<>();
  private final Map<String, Set<PolicyId>> policiesByTier = new HashMap<>();
  private final Map<ProfileId, ParsedProfile> profiles = new HashMap<>();
  private final Map<EndpointId, EndpointData> localEndpoints = new HashMap<>();
  private final Map<ProfileId, Set<EndpointId>> endpointsByProfile = new HashMap<>();
  private final Set<Key> ipSetItems = new HashSet<>();
  /** resourceVersion of each network set as last given, for {@link #applyNetsDelta}. */
  private final Map<Key, String> netSetVersions = new HashMap<>();
  private final LabelIndex<EndpointId, PolicyId> policyIndex;
  private final IpSetIndex<Key> ipSetIndex = new IpSetIndex<>();
  private final IpSetReferences ipSetRefs = new IpSetReferences(ipSetIndex);
  private final DesiredStateSequencer sequencer = new DesiredStateSequencer(ipSetIndex, ipSetRefs);
  private final Set<PolicyId> dirtyPolicies = new HashSet<>();
  private final Set<ProfileId> dirtyProfiles = new HashSet<>();
  private final Set<EndpointId> dirtyEndpoints = new HashSet<>();
  /** Last added to dirtyPolicies / dirtyEndpoints by {@link #matchChanged} (null after a flush). */
  private PolicyId lastDirtyPolicy;
  private EndpointId lastDirtyEndpoint;
  private final Queue<DesiredStateUpdate> unsent = new ArrayDeque<>();
  private final Map<Key, List<String>> problems = new HashMap<>();

  public CalculationGraph(String node) {
    this(node, TypesDefaulting.FELIX);
  }

  public CalculationGraph(String node, TypesDefaulting typesDefaulting) {
    this.node = Objects.requireNonNull(node, "node");
    this.typesDefaulting = Objects.requireNonNull(typesDefaulting, "typesDefaulting");
    this.policyIndex = new LabelIndex<>(new LabelIndex.MatchListener<>() {
      @Override
      public void matchStarted(PolicyId policy, EndpointId endpoint) {
        matchChanged(policy, endpoint);
      }

      @Override
      public void matchStopped(PolicyId policy, EndpointId endpoint) {
        matchChanged(policy, endpoint);
      }
    });
  }

  /**
   * Marks both sides of a changed match dirty. Matches come in runs — an endpoint's policies, a
   * policy's endpoints — so the side that repeats is recognised by identity instead of being
   * hashed again: a cold start reports 600,000 matches for 10,000 endpoints.
   */
  private void matchChanged(PolicyId policy, EndpointId endpoint) {
    if (policy != lastDirtyPolicy) {
      dirtyPolicies.add(policy);
      lastDirtyPolicy = policy;
    }
    if (endpoint != lastDirtyEndpoint) {
      dirtyEndpoints.add(endpoint);
      lastDirtyEndpoint = endpoint;
    }
  }

  public String node() {
    return node;
  }

  // ---------------------------------------------------------------- input

  /** Adds or replaces a resource. */
  public void onUpdate(Resource r) {
    Key key = Key.of(r);
    problems.remove(key);
    if (r instanceof WorkloadEndpoint w) {
      updateWorkload(key, w);
    } else if (r instanceof HostEndpoint h) {
      updateHost(key, h);
    } else if (r instanceof NetworkSet n) {
      Consumer<String> p = problemSink(key);
      ipSetItems.add(key);
      rememberVersion(key, r);
      ipSetIndex.updateItem(key, ImplicitLabels.of(n), ImplicitLabels.profiles(n), MemberExtractor.nets(n, p), List.of());
    } else if (r instanceof GlobalNetworkSet n) {
      Consumer<String> p = problemSink(key);
      ipSetItems.add(key);
      rememberVersion(key, r);
      ipSetIndex.updateItem(key, ImplicitLabels.of(n), List.of(), MemberExtractor.nets(n, p), List.of());
    } else if (r instanceof Profile p) {
      updateProfile(key, p);
    } else if (r instanceof Tier t) {
      if (sorter.updateTier(t.metadata().name(), t.spec())) {
        tierChanged(t.metadata().name());
      }
    } else if (r instanceof NetworkPolicy || r instanceof GlobalNetworkPolicy || r instanceof StagedNetworkPolicy
        || r instanceof StagedGlobalNetworkPolicy) {
      updatePolicy(key, r);
    }
  }

  /**
   * Applies a change of a network set's nets in time proportional to the change (not to the
   * set: one CIDR added to a set of a million costs microseconds), with the same result as
   * {@link #onUpdate} of the new version. Applies only on exactly the version the graph holds.
   *
   * @return false, changing nothing, if the graph does not hold the set at
   *     {@code change.baseVersion()}, if the set or an added entry has a problem (an entry that
   *     does not parse is reported with its index in the whole list), or if an entry to remove
   *     is not in the set: then call {@link #onUpdate} with the full resource
   */
  public boolean applyNetsDelta(NetsChange change) {
    Key key = new Key(change.kind(), change.kind().namespaced() ? nz(change.namespace()) : "", change.name());
    if (!change.baseVersion().equals(netSetVersions.get(key)) || problems.containsKey(key)) {
      return false;
    }
    List<Cidr> removed = MemberExtractor.netMembers(change.removed());
    List<Cidr> added = MemberExtractor.netMembers(change.added());
    if (removed == null || added == null || !ipSetIndex.patchItemAddresses(key, removed, added)) {
      return false;
    }
    netSetVersions.put(key, change.version());
    return true;
  }

  private void rememberVersion(Key key, Resource r) {
    String v = r.metadata().resourceVersion();
    if (v == null) {
      netSetVersions.remove(key);
    } else {
      netSetVersions.put(key, v);
    }
  }

  /** Removes a resource (no-op if unknown). */
  public void onDelete(Resource r) {
    onDelete(r.kind(), r.metadata().namespace(), r.metadata().name());
  }

  /** Removes a resource by kind, namespace ({@code null} or ignored for global kinds) and name. */
  public void onDelete(Kind kind, String namespace, String name) {
    Key key = new Key(kind, kind.namespaced() ? nz(namespace) : "", name);
    problems.remove(key);
    switch (kind) {
      case WORKLOAD_ENDPOINT -> {
        removeIpSetItem(key);
        removeLocal(EndpointId.workload(key.namespace(), name));
      }
      case HOST_ENDPOINT -> {
        removeIpSetItem(key);
        removeLocal(EndpointId.host(name));
      }
      case NETWORK_SET, GLOBAL_NETWORK_SET -> {
        removeIpSetItem(key);
        netSetVersions.remove(key);
      }
      case PROFILE -> removeProfile(new ProfileId(name));
      case TIER -> {
        if (sorter.removeTier(name)) {
          tierChanged(name);
        }
      }
      case GLOBAL_THREAT_FEED -> { } // the feed runner's business; its set arrives as a GlobalNetworkSet
      default -> removePolicy(new PolicyId(kind, key.namespace(), name));
    }
  }

  private void updateWorkload(Key key, WorkloadEndpoint w) {
    EndpointId id = EndpointId.workload(key.namespace(), key.name());
    if (w.spec().ipNetworks().isEmpty()) {
      // Calico's backend skips workload endpoints without addresses (spec §1.9).
      removeIpSetItem(key);
      removeLocal(id);
      return;
    }
    if (!w.spec().allowSpoofedSourcePrefixes().isEmpty()) {
      // Felix drops such endpoints unless WorkloadSourceSpoofing=Any, which Selvedge does not offer.
      problemSink(key).accept("spec.allowSpoofedSourcePrefixes: source spoofing is not allowed on this node "
          + "(endpoint treated as absent)");
      removeIpSetItem(key);
      removeLocal(id);
      return;
    }
    Map<String, String> labels = ImplicitLabels.of(w);
    List<String> parents = ImplicitLabels.profiles(w);
    List<Cidr> addresses = MemberExtractor.addresses(w, problemSink(key));
    List<NamedPort> ports = MemberExtractor.namedPorts(w);
    ipSetItems.add(key);
    ipSetIndex.updateItem(key, labels, parents, addresses, ports);
    if (node.equals(w.spec().node())) {
      updateLocal(new EndpointData(id, nz(w.spec().interfaceName()), addresses, profileIds(parents)), labels, parents);
    } else {
      removeLocal(id);
    }
  }

  private void updateHost(Key key, HostEndpoint h) {
    EndpointId id = EndpointId.host(key.name());
    Map<String, String> labels = ImplicitLabels.of(h);
    List<String> parents = ImplicitLabels.profiles(h);
    List<Cidr> addresses = MemberExtractor.addresses(h, problemSink(key));
    ipSetItems.add(key);
    ipSetIndex.updateItem(key, labels, parents, addresses, MemberExtractor.namedPorts(h));
    if (node.equals(h.spec().node())) {
      updateLocal(new EndpointData(id, nz(h.spec().interfaceName()), addresses, profileIds(parents)), labels, parents);
    } else {
      removeLocal(id);
    }
  }

  private void updateLocal(EndpointData data, Map<String, String> labels, List<String> parents) {
    EndpointData old = localEndpoints.put(data.id(), data);
    if (old != null) {
      for (ProfileId p : old.profiles()) {
        unreferenceProfile(p, data.id());
      }
    }
    for (ProfileId p : data.profiles()) {
      endpointsByProfile.computeIfAbsent(p, k -> new HashSet<>()).add(data.id());
      dirtyProfiles.add(p);
    }
    policyIndex.updateItem(data.id(), labels, parents);
    dirtyEndpoints.add(data.id());
  }

  private void removeLocal(EndpointId id) {
    EndpointData old = localEndpoints.remove(id);
    if (old == null) {
      return;
    }
    for (ProfileId p : old.profiles()) {
      unreferenceProfile(p, id);
    }
    policyIndex.removeItem(id);
    dirtyEndpoints.add(id);
  }

  private void unreferenceProfile(ProfileId p, EndpointId ep) {
    Set<EndpointId> s = endpointsByProfile.get(p);
    if (s != null) {
      s.remove(ep);
      if (s.isEmpty()) {
        endpointsByProfile.remove(p);
      }
    }
    dirtyProfiles.add(p);
  }

  private void removeIpSetItem(Key key) {
    if (ipSetItems.remove(key)) {
      ipSetIndex.removeItem(key);
    }
  }

  private void updateProfile(Key key, Profile p) {
    ProfileId id = new ProfileId(key.name());
    if (id.equals(RuleListResolver.DEFAULT_ALLOW)) {
      problemSink(key).accept("projectcalico-default-allow is built in and cannot be replaced (ignored)");
      return;
    }
    ParsedProfile parsed;
    try {
      parsed = PolicyConverter.convert(p, problemSink(key));
    } catch (ConversionException e) {
      problemSink(key).accept(e.getMessage() + " (profile treated as missing)");
      removeProfile(id);
      return;
    }
    profiles.put(id, parsed);
    policyIndex.updateParent(id.name(), parsed.labelsToApply());
    ipSetIndex.updateParent(id.name(), parsed.labelsToApply());
    profileChanged(id);
  }

  private void removeProfile(ProfileId id) {
    if (profiles.remove(id) == null) {
      return;
    }
    policyIndex.removeParent(id.name());
    ipSetIndex.removeParent(id.name());
    profileChanged(id);
  }

  private void profileChanged(ProfileId id) {
    dirtyProfiles.add(id);
    // Endpoints show their effective labels, which may come from this profile.
    dirtyEndpoints.addAll(endpointsByProfile.getOrDefault(id, Set.of()));
  }

  private void updatePolicy(Key key, Resource r) {
    PolicyId id = new PolicyId(r.kind(), key.namespace(), key.name());
    ParsedPolicy parsed;
    try {
      parsed = PolicyConverter.convert(r, typesDefaulting, problemSink(key));
    } catch (ConversionException e) {
      problemSink(key).accept(e.getMessage() + " (policy treated as absent)");
      removePolicy(id);
      return;
    }
    if (parsed == null) {
      removePolicy(id);
      return;
    }
    ParsedPolicy old = policies.put(id, parsed);
    if (old != null && !old.tier().equals(parsed.tier())) {
      removeFrom(policiesByTier, old.tier(), id);
    }
    policiesByTier.computeIfAbsent(parsed.tier(), k -> new HashSet<>()).add(id);
    dirtyPolicies.add(id);
    if (old == null || !sameMetadata(old, parsed)) {
      dirtyEndpoints.addAll(policyIndex.matchingItems(id));
    }
    policyIndex.updateSelector(id, parsed.selector());
  }

  private static boolean sameMetadata(ParsedPolicy a, ParsedPolicy b) {
    return a.tier().equals(b.tier()) && Objects.equals(a.order(), b.order()) && a.types().equals(b.types())
        && a.doNotTrack() == b.doNotTrack() && a.preDnat() == b.preDnat() && a.applyOnForward() == b.applyOnForward();
  }

  private void removePolicy(PolicyId id) {
    ParsedPolicy old = policies.remove(id);
    if (old == null) {
      return;
    }
    removeFrom(policiesByTier, old.tier(), id);
    dirtyPolicies.add(id);
    policyIndex.removeSelector(id);
  }

  private void tierChanged(String tier) {
    for (PolicyId p : policiesByTier.getOrDefault(tier, Set.of())) {
      dirtyEndpoints.addAll(policyIndex.matchingItems(p));
    }
  }

  // ---------------------------------------------------------------- output

  /**
   * Resolves everything that changed since the last flush and sends the resulting updates, in
   * dependency order (see {@link DesiredStateUpdate}). Sends nothing when nothing changed.
   */
  public void flush(Consumer<DesiredStateUpdate> out) {
    resolveDirty();
    while (!unsent.isEmpty()) {
      out.accept(unsent.poll());
    }
    sequencer.flush(out);
  }

  /**
   * The complete desired state as of now. Pending changes are resolved; the updates that brings
   * are kept and delivered by the next {@link #flush}, so the delta stream stays complete.
   * O(size of the state).
   */
  public DesiredState snapshot() {
    resolveDirty();
    sequencer.flush(unsent::add);
    return sequencer.sentState(node);
  }

  /** Problems found in resources, by resource ({@code Kind ns/name}); empty when all is well. */
  public SortedMap<String, List<String>> problems() {
    SortedMap<String, List<String>> out = new TreeMap<>();
    problems.forEach((k, v) -> out.put(k.toString(), List.copyOf(v)));
    return Collections.unmodifiableSortedMap(out);
  }

  private void resolveDirty() {
    for (PolicyId id : sorted(dirtyPolicies)) {
      ParsedPolicy p = policies.get(id);
      if (p != null && !policyIndex.matchingItems(id).isEmpty()) {
        ResolvedPolicy rp = RuleListResolver.policy(p);
        ipSetRefs.update(id, rp.rules(), p.rules());
        sequencer.putPolicy(rp);
      } else {
        ipSetRefs.clear(id);
        sequencer.removePolicy(id);
      }
    }
    dirtyPolicies.clear();
    lastDirtyPolicy = null;
    for (ProfileId id : sorted(dirtyProfiles)) {
      if (!endpointsByProfile.containsKey(id)) {
        ipSetRefs.clear(id);
        sequencer.removeProfile(id);
        continue;
      }
      ParsedProfile p = profiles.get(id);
      if (p == null && id.equals(RuleListResolver.DEFAULT_ALLOW)) {
        ipSetRefs.clear(id);
        sequencer.putProfile(RuleListResolver.defaultAllowProfile());
      } else if (p == null) {
        ipSetRefs.clear(id);
        sequencer.putProfile(RuleListResolver.missingProfile(id));
      } else {
        ResolvedProfile rp = RuleListResolver.profile(p);
        ipSetRefs.update(id, rp.rules(), p.rules());
        sequencer.putProfile(rp);
      }
    }
    dirtyProfiles.clear();
    // Workloads selected by the same policies get the same tiers: computed once per selection
    // (keys are valid while the policy index does not change, i.e. during this loop).
    Map<Object, List<TierPolicies>> tiersBySelection = new HashMap<>();
    for (EndpointId id : sorted(dirtyEndpoints)) {
      EndpointData data = localEndpoints.get(id);
      if (data == null) {
        sequencer.removeEndpoint(id);
        continue;
      }
      Map<String, String> labels = policyIndex.effectiveLabels(id);
      if (!data.isHost()) {
        List<TierPolicies> tiers = tiersBySelection.computeIfAbsent(policyIndex.selectionKey(id),
            selection -> EndpointPolicyResolver.workloadTiers(parsed(policyIndex.matchingSelectors(id)), sorter));
        sequencer.putEndpoint(EndpointPolicyResolver.workload(data, labels, tiers));
        continue;
      }
      sequencer.putEndpoint(EndpointPolicyResolver.resolve(data, labels, parsed(policyIndex.matchingSelectors(id)),
          sorter));
    }
    dirtyEndpoints.clear();
    lastDirtyEndpoint = null;
  }

  private List<ParsedPolicy> parsed(Set<PolicyId> ids) {
    List<ParsedPolicy> out = new ArrayList<>(ids.size());
    for (PolicyId p : ids) {
      out.add(policies.get(p));
    }
    return out;
  }

  private static <T extends Comparable<T>> List<T> sorted(Set<T> s) {
    List<T> l = new ArrayList<>(s);
    Collections.sort(l);
    return l;
  }

  private Consumer<String> problemSink(Key key) {
    return msg -> problems.computeIfAbsent(key, k -> new ArrayList<>()).add(msg);
  }

  private static List<ProfileId> profileIds(List<String> names) {
    List<ProfileId> out = new ArrayList<>(names.size());
    for (String n : new LinkedHashSet<>(names)) {
      out.add(new ProfileId(n));
    }
    return out;
  }

  private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
    Set<V> s = map.get(key);
    if (s != null) {
      s.remove(value);
      if (s.isEmpty()) {
        map.remove(key);
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
