package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.dataplane.Ruleset.MapContent;
import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.explain.EndpointToHostAction;
import io.selvedge.nft.BaseChain;
import io.selvedge.nft.Chain;
import io.selvedge.nft.DataType;
import io.selvedge.nft.NftMap;
import io.selvedge.nft.Rule;
import io.selvedge.nft.RuleBody;
import io.selvedge.nft.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders the base chains and the dispatch from interfaces to endpoint chains (spec §4.4, §4.9):
 * the packet path of the flow evaluator, hook by hook.
 *
 * <pre>
 * raw-prerouting (-300)    lo: accept. Clear marks. Workload interface: goto its reverse-path check.
 *                          Host endpoint with untracked policy: goto its untracked ingress chain.
 * raw-output (-300)        lo: accept. Clear marks. Host endpoint with untracked policy: its egress chain.
 * mangle-prerouting (-150) lo, established, or accepted by untracked policy: accept. Otherwise the
 *                          preDNAT chain of the interface's host endpoint, else of the "*" one.
 *                          Only while some host endpoint has preDNAT policy.
 * filter-input (0)         lo: accept. Flow allowed under this ruleset before: accept. Workload
 *                          interface: filter-wl-to-host (workload egress, then
 *                          DefaultEndpointToHostAction). Accept bit: accept. Otherwise the normal
 *                          ingress chain of the interface's host endpoint, else of the "*" one;
 *                          remember the flow's allow.
 * filter-forward (0)       flow allowed under this ruleset before: accept ({@link FlowCache}).
 *                          Accept bit clear: forward ingress of the in-interface's host endpoint (or "*");
 *                          from a workload: its egress chain; to a workload: its ingress chain;
 *                          forward egress of the out-interface's host endpoint (or "*"; without
 *                          any forward egress policy only for invalid packets); remember the
 *                          flow's allow; accept.
 * filter-output (0)        lo, flow allowed before, or accept bit: accept. To a workload: accept
 *                          (not policed, G16). Otherwise the normal egress chain of the host
 *                          endpoint (or "*"); remember the flow's allow.
 * </pre>
 *
 * Dispatch uses {@code iifname/oifname vmap} maps with exact interface names (no interval maps);
 * workload interfaces are recognised by {@code iifname "PREFIX*"} rules; the {@code *} host
 * endpoint is a {@code goto} after the map; an unknown workload interface is dropped. Host
 * endpoint dispatch sits in chains the hooks jump to, so an endpoint chain's return (allowed)
 * comes back to the hook, which remembers the flow ({@link FlowCache}) and accepts. Stateless;
 * thread-safe.
 */
final class DispatchRenderer {

    /** Loopback by index (always 1 in a namespace): cheaper than loading and comparing the name. */
    private static final String LOOPBACK_IN = "iif \"lo\" counter accept";
    private static final String LOOPBACK_OUT = "oif \"lo\" counter accept";

    /** ICMPv6 types a workload may always send to its host (MLD, router and neighbour discovery). */
    static final List<Integer> ICMPV6_TO_HOST = List.of(130, 131, 132, 133, 135, 136);

    /** The generation the rendered flow-cache rules carry until the {@link Syncer} sets its own. */
    static final long FIRST_GENERATION = 1;

    private final DataplaneConfig config;
    private final MarkBits marks;
    private final FlowCache flowCache;

    DispatchRenderer(DataplaneConfig config, MarkBits marks, FlowCache flowCache) {
        this.config = config;
        this.marks = marks;
        this.flowCache = flowCache;
    }

    /**
     * @param workloads workload endpoints by interface
     * @param binding host endpoints by interface
     * @param untracked host endpoints that have untracked (raw) chains
     * @param preDnat host endpoints that have preDNAT (mangle) chains
     * @param forwardEgressPolicy whether some host endpoint has applyOnForward egress policy
     */
    void render(SortedMap<String, LocalEndpoint> workloads, HostEndpointBinding binding, Set<EndpointId> untracked,
                Set<EndpointId> preDnat, boolean forwardEgressPolicy, Map<String, ChainContent> chains, Map<String, MapContent> maps) {
        TreeMap<String, Verdict> rpf = new TreeMap<>();
        TreeMap<String, Verdict> fromWl = new TreeMap<>();
        TreeMap<String, Verdict> toWl = new TreeMap<>();
        workloads.forEach((iface, ep) -> {
            rpf.put(iface, Verdict.goTo(ChainNames.rpf(iface)));
            fromWl.put(iface, Verdict.goTo(ChainNames.workload(iface, Direction.EGRESS)));
            toWl.put(iface, Verdict.goTo(ChainNames.workload(iface, Direction.INGRESS)));
        });
        TreeMap<String, Verdict> rawFrom = new TreeMap<>();
        TreeMap<String, Verdict> rawTo = new TreeMap<>();
        TreeMap<String, Verdict> mangleFrom = new TreeMap<>();
        TreeMap<String, Verdict> from = new TreeMap<>();
        TreeMap<String, Verdict> to = new TreeMap<>();
        TreeMap<String, Verdict> fwdFrom = new TreeMap<>();
        TreeMap<String, Verdict> fwdTo = new TreeMap<>();
        binding.byInterface().forEach((iface, hep) -> {
            EndpointId id = hep.id();
            if (untracked.contains(id)) {
                rawFrom.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.UNTRACKED, Direction.INGRESS)));
                rawTo.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.UNTRACKED, Direction.EGRESS)));
            }
            if (preDnat.contains(id)) {
                mangleFrom.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.PRE_DNAT, Direction.INGRESS)));
            }
            from.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.NORMAL, Direction.INGRESS)));
            to.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.NORMAL, Direction.EGRESS)));
            fwdFrom.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.FORWARD, Direction.INGRESS)));
            fwdTo.put(iface, Verdict.goTo(ChainNames.host(id, PolicyClass.FORWARD, Direction.EGRESS)));
        });
        map(maps, ChainNames.RAW_RPF_DISPATCH, rpf);
        map(maps, ChainNames.RAW_FROM_HEP_DISPATCH, rawFrom);
        map(maps, ChainNames.RAW_TO_HEP_DISPATCH, rawTo);
        map(maps, ChainNames.MANGLE_FROM_HEP_DISPATCH, mangleFrom);
        map(maps, ChainNames.FROM_HEP_DISPATCH, from);
        map(maps, ChainNames.TO_HEP_DISPATCH, to);
        map(maps, ChainNames.FROM_HEP_FWD_DISPATCH, fwdFrom);
        map(maps, ChainNames.TO_HEP_FWD_DISPATCH, fwdTo);
        map(maps, ChainNames.FROM_WL_DISPATCH, fromWl);
        map(maps, ChainNames.TO_WL_DISPATCH, toWl);

        Optional<EndpointId> star = binding.wildcard().map(LocalEndpoint::id);
        String accept = MarkBits.hex(marks.accept());
        String acceptSet = "meta mark & " + accept + " == " + accept;
        String clearMarks = "meta mark set meta mark & " + MarkBits.clearMask(marks.all());

        Rules raw = new Rules(base(ChainNames.RAW_PREROUTING, BaseChain.Hook.PREROUTING, BaseChain.RAW));
        raw.add(LOOPBACK_IN, "loopback: not policed");
        raw.add(clearMarks, "clear selvedge marks");
        raw.dispatch("iifname", ChainNames.RAW_RPF_DISPATCH, rpf, "workload: reverse-path check");
        raw.dispatch("iifname", ChainNames.RAW_FROM_HEP_DISPATCH, rawFrom, "host endpoint: untracked ingress policy");
        raw.into(chains);

        Rules rawOut = new Rules(base(ChainNames.RAW_OUTPUT, BaseChain.Hook.OUTPUT, BaseChain.RAW));
        rawOut.add(LOOPBACK_OUT, "loopback: not policed");
        rawOut.add(clearMarks, "clear selvedge marks");
        rawOut.dispatch("oifname", ChainNames.RAW_TO_HEP_DISPATCH, rawTo, "host endpoint: untracked egress policy");
        rawOut.into(chains);

        // Without preDNAT policy the chain would only accept, as its hook's policy does: leave the
        // hook out (every base chain a packet passes costs ~0.1 µs; docs/benchmarks.md).
        Optional<EndpointId> starPreDnat = star.filter(preDnat::contains);
        if (!mangleFrom.isEmpty() || starPreDnat.isPresent()) {
            Rules mangle = new Rules(base(ChainNames.MANGLE_PREROUTING, BaseChain.Hook.PREROUTING, BaseChain.MANGLE));
            mangle.add(LOOPBACK_IN, "loopback: not policed");
            mangle.add("ct state established,related counter accept", "established or related");
            mangle.add(acceptSet + " counter accept", "accepted by untracked policy");
            mangle.dispatch("iifname", ChainNames.MANGLE_FROM_HEP_DISPATCH, mangleFrom, "host endpoint: preDNAT policy");
            starPreDnat.ifPresent(id -> mangle.add(
                    "goto " + ChainNames.host(id, PolicyClass.PRE_DNAT, Direction.INGRESS), "host endpoint *: preDNAT policy"));
            mangle.into(chains);
        }

        // host endpoint dispatch in a chain of its own: the endpoint chain's return (allowed)
        // comes back to the hook, whose last rule remembers the flow (FlowCache)
        Rules fromHepChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.FROM_HEP_DISPATCH));
        fromHepChain.dispatch("iifname", ChainNames.FROM_HEP_DISPATCH, from, "host endpoint: ingress policy");
        star.ifPresent(id -> fromHepChain.add("goto " + ChainNames.host(id, PolicyClass.NORMAL, Direction.INGRESS),
                "host endpoint *: ingress policy"));
        fromHepChain.into(chains);

        Rules input = new Rules(base(ChainNames.FILTER_INPUT, BaseChain.Hook.INPUT, BaseChain.FILTER));
        input.add(LOOPBACK_IN, "loopback: not policed");
        input.flowCacheCheck();
        for (String p : config.settings().workloadInterfacePrefixes()) {
            input.add("iifname \"" + p + "*\" goto " + ChainNames.FILTER_WL_TO_HOST, "from a workload to the host");
        }
        input.add(acceptSet + " counter accept", "accepted by untracked or preDNAT policy");
        if (fromHepChain.hasRules()) {
            input.add("jump " + ChainNames.FROM_HEP_DISPATCH, "host endpoint: ingress policy");
        }
        input.flowCacheStore();
        input.into(chains);

        Rules wlToHost = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.FILTER_WL_TO_HOST));
        wlToHost.add("icmpv6 type { " + String.join(" , ", ICMPV6_TO_HOST.stream().map(String::valueOf).toList())
                + " } counter accept", "ICMPv6 router and neighbour messages from workloads");
        wlToHost.add("jump " + ChainNames.FROM_WL_DISPATCH, "workload egress policy");
        wlToHost.add("counter " + (config.settings().endpointToHostAction() == EndpointToHostAction.DROP ? "drop" : "accept"),
                "DefaultEndpointToHostAction " + config.settings().endpointToHostAction());
        wlToHost.into(chains);

        Rules fromWlChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.FROM_WL_DISPATCH));
        fromWlChain.dispatch("iifname", ChainNames.FROM_WL_DISPATCH, fromWl, "workload egress policy");
        fromWlChain.add("counter drop", "unknown workload interface");
        fromWlChain.into(chains);

        Rules toWlChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.TO_WL_DISPATCH));
        toWlChain.dispatch("oifname", ChainNames.TO_WL_DISPATCH, toWl, "workload ingress policy");
        toWlChain.add("counter drop", "unknown workload interface");
        toWlChain.into(chains);

        Rules fwdFromChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.FROM_HEP_FWD_DISPATCH));
        fwdFromChain.dispatch("iifname", ChainNames.FROM_HEP_FWD_DISPATCH, fwdFrom, "host endpoint: forward ingress policy");
        star.ifPresent(id -> fwdFromChain.add("goto " + ChainNames.host(id, PolicyClass.FORWARD, Direction.INGRESS),
                "host endpoint *: forward ingress policy"));
        fwdFromChain.into(chains);

        Rules fwdToChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.TO_HEP_FWD_DISPATCH));
        fwdToChain.dispatch("oifname", ChainNames.TO_HEP_FWD_DISPATCH, fwdTo, "host endpoint: forward egress policy");
        star.ifPresent(id -> fwdToChain.add("goto " + ChainNames.host(id, PolicyClass.FORWARD, Direction.EGRESS),
                "host endpoint *: forward egress policy"));
        fwdToChain.into(chains);

        Rules forward = new Rules(base(ChainNames.FILTER_FORWARD, BaseChain.Hook.FORWARD, BaseChain.FILTER));
        boolean egressPolicyAhead = fwdToChain.hasRules() && forwardEgressPolicy;
        if (!egressPolicyAhead) {
            // what follows would only send it to workload chains (by interface prefix) and to
            // forward egress chains without policy (invalid packets only: an accepted packet is
            // untracked, or passed preDNAT policy after its endpoint chain dropped invalid ones)
            StringBuilder noWorkload = new StringBuilder(acceptSet);
            for (String p : config.settings().workloadInterfacePrefixes()) {
                noWorkload.append(" iifname != \"").append(p).append("*\" oifname != \"").append(p).append("*\"");
            }
            forward.add(noWorkload + " counter accept", "accepted by untracked or preDNAT policy, no workload involved");
        }
        forward.flowCacheCheck();
        if (fwdFromChain.hasRules()) {
            forward.add("meta mark & " + accept + " == 0 jump " + ChainNames.FROM_HEP_FWD_DISPATCH,
                    "host endpoint: forward ingress policy, unless untracked or preDNAT policy allowed");
        }
        for (String p : config.settings().workloadInterfacePrefixes()) {
            forward.add("iifname \"" + p + "*\" jump " + ChainNames.FROM_WL_DISPATCH, "from a workload");
        }
        for (String p : config.settings().workloadInterfacePrefixes()) {
            forward.add("oifname \"" + p + "*\" jump " + ChainNames.TO_WL_DISPATCH, "to a workload");
        }
        if (egressPolicyAhead) {
            forward.add("jump " + ChainNames.TO_HEP_FWD_DISPATCH, "host endpoint: forward egress policy");
        } else if (fwdToChain.hasRules()) {
            // without policy a forward egress chain drops invalid packets and allows the rest:
            // only invalid ones need to go there (a packet saves a jump, a lookup and four rules)
            forward.add("ct state invalid jump " + ChainNames.TO_HEP_FWD_DISPATCH,
                    "host endpoint: forward egress without policy drops invalid packets");
        }
        forward.flowCacheStore();
        forward.add("counter accept", "forwarded: no policy dropped it");
        forward.into(chains);

        Rules toHepChain = new Rules(Chain.regular(Ruleset.TABLE, ChainNames.TO_HEP_DISPATCH));
        toHepChain.dispatch("oifname", ChainNames.TO_HEP_DISPATCH, to, "host endpoint: egress policy");
        star.ifPresent(id -> toHepChain.add("goto " + ChainNames.host(id, PolicyClass.NORMAL, Direction.EGRESS),
                "host endpoint *: egress policy"));
        toHepChain.into(chains);

        Rules output = new Rules(base(ChainNames.FILTER_OUTPUT, BaseChain.Hook.OUTPUT, BaseChain.FILTER));
        output.add(LOOPBACK_OUT, "loopback: not policed");
        output.flowCacheCheck();
        output.add(acceptSet + " counter accept", "accepted by untracked policy");
        for (String p : config.settings().workloadInterfacePrefixes()) {
            output.add("oifname \"" + p + "*\" counter accept", "host to a local workload: not policed");
        }
        if (toHepChain.hasRules()) {
            output.add("jump " + ChainNames.TO_HEP_DISPATCH, "host endpoint: egress policy");
        }
        output.flowCacheStore();
        output.into(chains);
    }

    private static Chain base(String name, BaseChain.Hook hook, int priority) {
        return Chain.base(Ruleset.TABLE, name, BaseChain.filter(hook, priority));
    }

    private static void map(Map<String, MapContent> maps, String name, SortedMap<String, Verdict> elements) {
        maps.put(name, new MapContent(NftMap.verdictMap(Ruleset.TABLE, name, DataType.IFNAME), elements));
    }

    /** Collects the rules of one chain. */
    private final class Rules {
        private final Chain chain;
        private final List<Rule> rules = new ArrayList<>();

        Rules(Chain chain) {
            this.chain = chain;
        }

        void add(String tokens, String comment) {
            rules.add(Rule.of(chain, parse(tokens), comment));
        }

        /**
         * {@code iifname|oifname vmap @MAP}, omitted while the map is empty (a lookup that cannot
         * hit: the map's first element changes this chain in the same transaction).
         */
        void dispatch(String ifField, String map, Map<String, Verdict> elements, String comment) {
            if (!elements.isEmpty()) {
                add(ifField + " vmap @" + map, comment);
            }
        }

        boolean hasRules() {
            return !rules.isEmpty();
        }

        /** The flow cache's check: a packet of a flow allowed under the current generation is accepted. */
        void flowCacheCheck() {
            if (flowCache.enabled()) {
                add(flowCache.check(FIRST_GENERATION), FlowCache.CHECK_COMMENT);
            }
        }

        /** The flow cache's store: the packet got here allowed, its flow is remembered. */
        void flowCacheStore() {
            if (flowCache.enabled()) {
                add(flowCache.store(FIRST_GENERATION), FlowCache.STORE_COMMENT);
            }
        }

        void into(Map<String, ChainContent> chains) {
            chains.put(chain.name(), new ChainContent(chain, rules));
        }

        /** Tokens; a quoted interface pattern and {@code @map} are built with the typed builder. */
        private static RuleBody parse(String text) {
            RuleBody.Builder b = RuleBody.builder();
            for (String t : text.split(" ")) {
                if (t.startsWith("\"")) {
                    b.value(io.selvedge.nft.IfName.of(t.substring(1, t.length() - 1)));
                } else if (t.startsWith("@")) {
                    b.set(t.substring(1));
                } else {
                    b.tokens(t);
                }
            }
            return b.build();
        }
    }
}
