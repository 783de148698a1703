package io.selvedge.dataplane;

import io.selvedge.dataplane.EndpointChainRenderer.ChainRef;
import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.dataplane.Ruleset.MapContent;
import io.selvedge.dataplane.Ruleset.SetContent;
import io.selvedge.dataplane.Ruleset.SetSpec;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.engine.NamedPortMember;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.ResolvedPolicy;
import io.selvedge.engine.ResolvedProfile;
import io.selvedge.engine.RuleLists;
import io.selvedge.nft.Concat;
import io.selvedge.nft.DataType;
import io.selvedge.nft.IfName;
import io.selvedge.nft.NftSet;
import io.selvedge.nft.Num;
import io.selvedge.nft.Port;
import io.selvedge.nft.Rule;
import io.selvedge.nft.Transaction;
import io.selvedge.nft.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a node's desired state into what {@code table inet selvedge} must hold (a
 * {@link Ruleset}): base chains and dispatch ({@link DispatchRenderer}), endpoint chains
 * ({@link EndpointChainRenderer}), policy and profile chains ({@link RuleRenderer}), failsafe
 * chains ({@link FailsafeRenderer}) and IP sets ({@link IpSetLayout}), with the same verdicts as
 * the engine's flow evaluator computes from the same state.
 *
 * <p>What gets rendered: every workload endpoint on a workload interface (the first by ID when two
 * claim one interface); every host endpoint bound to an interface ({@link HostEndpointBinding})
 * and the {@code *} one; the policy and profile chains those endpoint chains jump to (so staged
 * policies and policies of unbound host endpoints are never rendered); the sets those rules use.
 * Endpoints that cannot be rendered are listed in {@link Ruleset#problems()}.
 *
 * <p>Does not talk to nft or diff anything (the {@link Syncer} does). Rendering is
 * O(rules + endpoints + lengths of the referenced IP sets); the big part of big IP sets (their
 * elements) is never materialised here. Thread-safe: no mutable state.
 */
public final class Renderer {

    private final DataplaneConfig config;
    private final MarkBits marks;
    private final RuleRenderer rules;
    private final EndpointChainRenderer endpoints;
    private final DispatchRenderer dispatch;
    private final FailsafeRenderer failsafe;
    private final FlowCache flowCache;

    public Renderer(DataplaneConfig config) {
        this.config = config;
        this.marks = MarkBits.fromMask(config.markMask());
        this.rules = new RuleRenderer(marks, config.logPrefix());
        this.endpoints = new EndpointChainRenderer(config, marks);
        this.flowCache = new FlowCache(config.flowCacheMask(), marks);
        this.dispatch = new DispatchRenderer(config, marks, flowCache);
        this.failsafe = new FailsafeRenderer(config);
    }

    public DataplaneConfig config() {
        return config;
    }

    /** The flow cache's rules (the {@link Syncer} sets their generation). */
    FlowCache flowCache() {
        return flowCache;
    }

    /** Renders {@code state} from scratch (builds member stores of its IP sets: O(total members)). */
    public Ruleset render(DesiredState state, InterfaceInventory interfaces) {
        Map<IpSetKey, IpSetMembers> members = new HashMap<>();
        for (IpSet s : state.ipSets().values()) {
            members.put(s.key(), IpSetMembers.of(s));
        }
        return render(state.policies(), state.profiles(), state.endpoints(), members, interfaces);
    }

    /** A transaction that replaces the whole table with {@code ruleset} atomically. */
    public static Transaction replaceTable(Ruleset ruleset) {
        return TransactionPlanner.replaceTable(ruleset);
    }

    Ruleset render(SortedMap<PolicyId, ResolvedPolicy> policies, SortedMap<ProfileId, ResolvedProfile> profiles,
                   SortedMap<EndpointId, LocalEndpoint> eps, Map<IpSetKey, IpSetMembers> members, InterfaceInventory interfaces) {
        List<String> problems = new ArrayList<>();
        TreeMap<String, ChainContent> chains = new TreeMap<>();
        TreeMap<String, MapContent> maps = new TreeMap<>();
        Set<ChainRef> refs = new LinkedHashSet<>();

        // Workload endpoints, by interface (the first ID wins, as the evaluator decides).
        TreeMap<String, LocalEndpoint> workloads = new TreeMap<>();
        for (LocalEndpoint ep : eps.values()) {
            if (ep.id().type() != EndpointId.Type.WORKLOAD) {
                continue;
            }
            String iface = ep.interfaceName();
            if (!validInterface(iface) || !config.isWorkloadInterface(iface)) {
                problems.add(ep.id() + ": interface \"" + safe(iface) + "\" is not a workload interface ("
                        + String.join("*, ", config.settings().workloadInterfacePrefixes()) + "*); not rendered");
            } else if (workloads.containsKey(iface)) {
                problems.add(ep.id() + ": interface " + iface + " already belongs to " + workloads.get(iface).id() + "; not rendered");
            } else {
                workloads.put(iface, ep);
            }
        }
        for (LocalEndpoint ep : workloads.values()) {
            for (Direction d : Direction.values()) {
                put(chains, endpoints.render(ChainNames.workload(ep.interfaceName(), d), ep, PolicyClass.NORMAL, d, policies,
                        profiles, refs));
            }
            put(chains, RpfRenderer.render(ep));
        }

        // Host endpoints.
        HostEndpointBinding binding = HostEndpointBinding.bind(eps.values(), interfaces, config);
        problems.addAll(binding.problems());
        Set<EndpointId> untracked = new TreeSet<>();
        Set<EndpointId> preDnat = new TreeSet<>();
        for (LocalEndpoint hep : binding.active().values()) {
            boolean star = binding.wildcard().filter(w -> w.id().equals(hep.id())).isPresent();
            boolean bound = binding.byInterface().containsValue(hep);
            for (Direction d : Direction.values()) {
                put(chains, endpoints.render(ChainNames.host(hep.id(), PolicyClass.NORMAL, d), hep, PolicyClass.NORMAL, d,
                        policies, profiles, refs));
                put(chains, endpoints.render(ChainNames.host(hep.id(), PolicyClass.FORWARD, d), hep, PolicyClass.FORWARD, d,
                        policies, profiles, refs));
            }
            if (bound && EndpointChainRenderer.hasClass(hep, PolicyClass.UNTRACKED, policies)) {
                untracked.add(hep.id());
                for (Direction d : Direction.values()) {
                    put(chains, endpoints.render(ChainNames.host(hep.id(), PolicyClass.UNTRACKED, d), hep, PolicyClass.UNTRACKED,
                            d, policies, profiles, refs));
                }
            } else if (star && EndpointChainRenderer.hasClass(hep, PolicyClass.UNTRACKED, policies)) {
                problems.add(hep.id() + ": interfaceName \"*\" does not support doNotTrack policy; ignored");
            }
            if (EndpointChainRenderer.hasClass(hep, PolicyClass.PRE_DNAT, policies)) {
                preDnat.add(hep.id());
                put(chains, endpoints.render(ChainNames.host(hep.id(), PolicyClass.PRE_DNAT, Direction.INGRESS), hep,
                        PolicyClass.PRE_DNAT, Direction.INGRESS, policies, profiles, refs));
            }
        }

        // Policy and profile chains the endpoint chains jump to, both families.
        Layouts layouts = new Layouts(members, config);
        for (ChainRef ref : refs) {
            for (IpFamily f : IpFamily.values()) {
                List<ChainContent> rendered;
                if (ref.owner() instanceof PolicyId p) {
                    ResolvedPolicy policy = policies.get(p);
                    rendered = rules.render(ChainNames.policy(p, ref.direction(), f), RuleRenderer.OwnerKind.POLICY,
                            policy.tier() + "/" + p + " " + dir(ref.direction()), policy.rules().get(ref.direction(), f), f, layouts);
                } else {
                    ProfileId p = (ProfileId) ref.owner();
                    RuleLists rl = profiles.get(p).rules();
                    rendered = rules.render(ChainNames.profile(p, ref.direction(), f), RuleRenderer.OwnerKind.PROFILE,
                            p + " " + dir(ref.direction()), rl.get(ref.direction(), f), f, layouts);
                }
                rendered.forEach(c -> put(chains, c));
            }
        }
        for (ChainContent c : failsafe.render()) {
            put(chains, c);
        }
        boolean forwardEgressPolicy = binding.active().values().stream()
                .anyMatch(h -> EndpointChainRenderer.hasTier(h, PolicyClass.FORWARD, Direction.EGRESS, policies));
        dispatch.render(workloads, binding, untracked, preDnat, forwardEgressPolicy, chains, maps);

        // The sets the rules reference.
        TreeMap<String, SetSpec> sets = new TreeMap<>();
        for (ChainContent c : chains.values()) {
            for (Rule r : c.rules()) {
                for (String name : r.body().setReferences()) {
                    if (!maps.containsKey(name) && !sets.containsKey(name)) {
                        sets.put(name, layouts.spec(name));
                    }
                }
            }
        }
        problems.addAll(layouts.problems);
        return new Ruleset(chains, maps, sets, problems, members);
    }

    /**
     * {@code previous} (rendered from the members' committed state) brought up to date after
     * member deltas of the IP sets in {@code changed} alone: the same chains, maps and problems,
     * and new element counts for those sets. O(changed sets x prefix lengths), where a full
     * render is O(rules + endpoints + sets).
     *
     * <p>Equal to a full render as long as no layout changed shape (the rules only depend on a
     * layout's stored lengths, their sources and set names, and problems only on named-port
     * sets). Empty when one did (a length appeared or went, a merge moved, a declared size
     * changed), or when a change log is unusable: render in full then.
     */
    Optional<Ruleset> withMemberChanges(Ruleset previous, Map<IpSetKey, IpSetMembers> members, Set<IpSetKey> changed) {
        Map<String, SetContent> contents = new HashMap<>();   // what the new layouts would render, by set name
        for (IpSetKey key : changed) {
            IpSetMembers m = members.get(key);
            if (m == null || m.type() != IpSet.Type.NETS || m.isReset()) {
                return Optional.empty();
            }
            IpSetLayout before = IpSetLayout.plan(key, m.committedHistogram(), config.cpeBudget(), config.gateMinElements());
            IpSetLayout now = IpSetLayout.plan(key, m.histogram(), config.cpeBudget(), config.gateMinElements());
            if (!shape(before).equals(shape(now))) {
                return Optional.empty();
            }
            now.stored().forEach(s -> contents.put(s.setName(), new SetContent.PrefixLength(key, s.length(), s.sources(), s.elements())));
            IpSetLayout.Gate g = now.gate();
            if (g != null) {
                contents.put(g.coveredSet(), new SetContent.PrefixLength(key, g.pivot(), g.coveredSources(), g.coveredKeys()));
                contents.put(g.gateSet(), new SetContent.GateKeys(key, g.pivot(), g.gatedSources(), g.maxGateKeys()));
            }
        }
        TreeMap<String, SetSpec> sets = new TreeMap<>(previous.sets());
        for (Map.Entry<String, SetSpec> e : sets.entrySet()) {
            SetContent was = e.getValue().content();
            IpSetKey key = was.memberKey();
            if (key != null && changed.contains(key)) {
                SetContent now = contents.get(e.getKey());
                if (now == null || !was.sameSource(now)) {
                    return Optional.empty();   // not what this layout would have named it: render in full
                }
                e.setValue(new SetSpec(e.getValue().set(), now));
            }
        }
        return Optional.of(new Ruleset(previous.chains(), previous.maps(), sets, previous.problems(), members));
    }

    /** What rules see of a layout: its stored lengths with their sources and set names, and its gate. */
    private static List<Object> shape(IpSetLayout layout) {
        List<Object> shape = new ArrayList<>(layout.stored().stream()
                .map(s -> List.<Object>of(s.length(), s.sources(), s.sizeLog2(), s.setName()))
                .toList());
        IpSetLayout.Gate g = layout.gate();
        if (g != null) {
            shape.add(List.of(g.pivot(), g.folded(), g.separate(), g.gated(), g.coveredSet(), g.gateSet()));
        }
        return shape;
    }

    private static String dir(Direction d) {
        return d == Direction.INGRESS ? "ingress" : "egress";
    }

    private static void put(Map<String, ChainContent> chains, ChainContent c) {
        if (chains.put(c.chain().name(), c) != null) {
            throw new IllegalStateException("two chains named " + c.chain().name());
        }
    }

    private static boolean validInterface(String iface) {
        try {
            return !IfName.of(iface).isWildcard();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.*-]", "_");
    }

    /** IP set layouts planned on demand, and the set specs of the names they produced. */
    private static final class Layouts implements RuleRenderer.SetLookup {
        private final Map<IpSetKey, IpSetMembers> members;
        private final double budget;
        private final long gateMinElements;
        private final Map<IpSetKey, IpSetLayout> planned = new HashMap<>();
        private final Map<String, SetSpec> specs = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Layouts(Map<IpSetKey, IpSetMembers> members, DataplaneConfig config) {
            this.members = members;
            this.budget = config.cpeBudget();
            this.gateMinElements = config.gateMinElements();
        }

        @Override
        public IpSetLayout layout(String id, IpFamily family) {
            IpSetKey key = new IpSetKey(id, family);
            IpSetMembers m = members.get(key);
            if (m == null || m.type() != IpSet.Type.NETS) {
                return null;
            }
            return planned.computeIfAbsent(key, k -> {
                IpSetLayout l = IpSetLayout.plan(k, m.histogram(), budget, gateMinElements);
                DataType type = family == IpFamily.V4 ? DataType.IPV4_ADDR : DataType.IPV6_ADDR;
                for (IpSetLayout.StoredLength s : l.stored()) {
                    NftSet set = NftSet.of(Ruleset.TABLE, s.setName(), type).withSize(1 << s.sizeLog2());
                    specs.put(s.setName(), new SetSpec(set, new SetContent.PrefixLength(k, s.length(), s.sources(), s.elements())));
                }
                IpSetLayout.Gate g = l.gate();
                if (g != null) {
                    NftSet covered = NftSet.of(Ruleset.TABLE, g.coveredSet(), type).withSize(1 << g.coveredSizeLog2());
                    specs.put(g.coveredSet(), new SetSpec(covered,
                            new SetContent.PrefixLength(k, g.pivot(), g.coveredSources(), g.coveredKeys())));
                    NftSet gate = NftSet.of(Ruleset.TABLE, g.gateSet(), type).withSize(1 << g.gateSizeLog2());
                    specs.put(g.gateSet(), new SetSpec(gate, new SetContent.GateKeys(k, g.pivot(), g.gatedSources(), g.maxGateKeys())));
                }
                return l;
            });
        }

        @Override
        public String namedPortSet(String id, IpFamily family) {
            IpSetKey key = new IpSetKey(id, family);
            IpSetMembers m = members.get(key);
            if (m == null || m.type() != IpSet.Type.NAMED_PORTS) {
                return null;
            }
            String name = ChainNames.namedPortSet(key);
            SetSpec spec = specs.get(name);
            if (spec == null) {
                List<Value> elements = new ArrayList<>();
                for (NamedPortMember n : m.namedPorts()) {
                    if (n.address().length() != family.bits() || n.protocol() > 255) {
                        problems.add(key + ": named-port member " + n + " is not a single address; left out");
                        continue;
                    }
                    elements.add(new Concat(List.of(RuleRenderer.prefix(n.address()), new Num(n.protocol()), new Port(n.port()))));
                }
                if (elements.isEmpty()) {
                    return null;
                }
                DataType addr = family == IpFamily.V4 ? DataType.IPV4_ADDR : DataType.IPV6_ADDR;
                NftSet set = new NftSet(Ruleset.TABLE, name, List.of(addr, DataType.INET_PROTO, DataType.INET_SERVICE), Set.of(),
                        java.util.OptionalInt.empty(), java.util.Optional.empty());
                spec = new SetSpec(set, new SetContent.Literal(elements));
                specs.put(name, spec);
            }
            return name;
        }

        SetSpec spec(String name) {
            SetSpec s = specs.get(name);
            if (s == null) {
                throw new IllegalStateException("a rule references the unknown set " + name);
            }
            return s;
        }
    }
}
