package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.Decision;
import io.selvedge.engine.explain.Flow;
import io.selvedge.engine.explain.FlowEvaluator;
import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calico gotchas on real packets, each driven the way the agent will drive the dataplane: the
 * engine's calculation graph turns resource changes into its update stream, the syncer sends one
 * delta transaction per flush into the host namespace's nft. Topology: {@link Topology} (peer
 * behind host endpoint eth0, workload blue on cali1 at 10.0.0.5).
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GotchasIT {

    private static final String BLUE = """
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.prod}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-blue-eth0, namespace: prod, labels: {color: blue}}
            spec: {orchestrator: k8s, node: node1, pod: blue, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.5/32, '2001:db8:10::5/128'], profiles: [kns.prod]}
            """;

    private static final String HEP = """
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: allow-all}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {hep: 'true'}}
            spec: {node: node1, interfaceName: eth0, profiles: [allow-all]}
            """;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
    }

    /** The engine and the syncer of one node, programming {@code t}'s host namespace. */
    private static final class Node {
        final CalculationGraph graph = new CalculationGraph("node1");
        final Syncer syncer;
        final Topology t;

        Node(Topology t) {
            this.t = t;
            this.syncer = new Syncer(t.nft(), new Renderer(DataplaneConfig.defaults()));
            syncer.setInterfaces(t.interfaces());
        }

        FlushReport apply(String yaml) {
            States.decode(yaml).forEach(graph::onUpdate);
            graph.flush(syncer::apply);
            return syncer.flush();
        }
    }

    /**
     * A deny-list with overlapping CIDRs (192.0.2.0/24 covers 192.0.2.55/32); removing the
     * covering CIDR keeps the covered one; additions apply as element deltas while a denied
     * stream keeps flowing, and not one of its packets gets through.
     */
    @Test
    void overlappingCidrsAndSetUpdatesUnderTraffic() throws Exception {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            node.apply(BLUE + """
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: blocked, labels: {list: blocked}}
                    spec: {nets: [192.0.2.0/24, 192.0.2.55/32]}
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: deny-blocked}
                    spec:
                      selector: color == 'blue'
                      types: [Ingress]
                      ingress:
                        - {action: Deny, source: {selector: list == 'blocked'}}
                        - {action: Allow}
                    """);
            Prober peer = t.prober(t.peer);
            Prober blue = t.prober(t.workload("cali1").ns());
            blue.countUdp(9999);
            new Probes()
                    .denyAll("in the covering /24", peer, "10.0.0.5", "192.0.2.55")
                    .denyAll("in the covering /24", peer, "10.0.0.5", "192.0.2.10")
                    .allowAll("not in the set", peer, "10.0.0.5", "203.0.113.5")
                    .check(t.host);
            CompletableFuture<Long> spray = CompletableFuture.supplyAsync(() -> peer.spray("10.0.0.5", 9999, 4000, "192.0.2.55"));
            Thread.sleep(300);
            FlushReport removeCovering = node.apply("""
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: blocked, labels: {list: blocked}}
                    spec: {nets: [192.0.2.55/32]}
                    """);
            FlushReport addMore = node.apply("""
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: blocked, labels: {list: blocked}}
                    spec: {nets: [192.0.2.55/32, 203.0.113.0/24, 198.51.100.2/32]}
                    """);
            long sent = spray.get(30, TimeUnit.SECONDS);
            assertThat(removeCovering.fullReplace()).isFalse();
            assertThat(addMore.fullReplace()).isFalse();
            assertThat(addMore.elementsAdded()).as("%s", addMore).isEqualTo(2);
            assertThat(addMore.elementsRemoved()).isZero();
            assertThat(blue.counted(9999)).as("denied datagrams delivered during the updates (of %d)", sent).isZero();
            new Probes()
                    .denyAll("the covered /32 is still there", peer, "10.0.0.5", "192.0.2.55")
                    .allowAll("the covering /24 is gone", peer, "10.0.0.5", "192.0.2.10")
                    .denyAll("added", peer, "10.0.0.5", "203.0.113.5")
                    .check(t.host);
        }
    }

    /**
     * The flow cache (one-way UDP flows stay conntrack state "new"): later packets of an allowed
     * flow skip policy, yet a change that denies the flow stops it at the same commit; a flow
     * whose packets meet a Log rule is never cached (Calico logs every such packet).
     */
    @Test
    void cachedFlowsStopAtTheChangeThatDeniesThemAndLoggedFlowsAreNotCached() throws Exception {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            String policy = denyBlocked("color == 'blue'", "{action: Log, protocol: UDP, destination: {ports: [9998]}}");
            node.apply(BLUE + policy.formatted("192.0.2.0/24"));
            Prober peer = t.prober(t.peer);
            Prober blue = t.prober(t.workload("cali1").ns());
            blue.countUdp(9999);
            blue.countUdp(9998);
            CompletableFuture<Long> spray = CompletableFuture.supplyAsync(() -> peer.spray("10.0.0.5", 9999, 3000, "203.0.113.5"));
            Thread.sleep(1000);
            long hits = cacheHits(t);
            assertThat(hits).as("packets of the allowed one-way flow that skipped policy").isGreaterThan(50);
            assertThat(blue.counted(9999)).isGreaterThan(hits);

            node.apply(policy.formatted("192.0.2.0/24, 203.0.113.0/24"));   // the flow's source is denied now
            Thread.sleep(200);   // what passed before the commit has arrived
            long before = blue.counted(9999);
            long sent = spray.get(30, TimeUnit.SECONDS);
            assertThat(blue.counted(9999)).as("datagrams of the cached flow delivered after the deny (of %d)", sent)
                    .isEqualTo(before);

            long hitsBefore = cacheHits(t);
            long logged = peer.spray("10.0.0.5", 9998, 1000, "198.51.100.2");
            assertThat(blue.counted(9998)).as("datagrams of the logged flow (of %d)", logged).isGreaterThan(50);
            assertThat(cacheHits(t)).as("the logged flow's packets never skip policy").isEqualTo(hitsBefore);
        }
    }

    /** The same for a one-way flow to the host itself, through its host endpoint's normal policy. */
    @Test
    void cachedFlowsToTheHostStopAtTheChangeThatDeniesThem() throws Exception {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            String policy = denyBlocked("hep == 'true'");
            node.apply(HEP + policy.formatted("192.0.2.0/24"));
            Prober peer = t.prober(t.peer);
            Prober host = t.prober(t.host);
            host.countUdp(9997);
            CompletableFuture<Long> spray = CompletableFuture.supplyAsync(() -> peer.spray("198.51.100.1", 9997, 3000, "203.0.113.6"));
            Thread.sleep(1000);
            long hits = cacheHits(t, ChainNames.FILTER_INPUT);
            assertThat(hits).as("packets of the allowed one-way flow to the host that skipped policy").isGreaterThan(50);
            node.apply(policy.formatted("192.0.2.0/24, 203.0.113.0/24"));
            Thread.sleep(200);
            long before = host.counted(9997);
            long sent = spray.get(30, TimeUnit.SECONDS);
            assertThat(before).isGreaterThan(hits);
            assertThat(host.counted(9997)).as("datagrams of the cached flow delivered after the deny (of %d)", sent)
                    .isEqualTo(before);
        }
    }

    /**
     * A format string (%s: the set's nets) of GlobalNetworkSet "blocked" and a policy for the
     * ingress of {@code selector}: {@code first} rules, then Deny from the set, then Allow.
     */
    private static String denyBlocked(String selector, String... first) {
        StringBuilder rules = new StringBuilder();
        for (String r : first) {
            rules.append("    - ").append(r).append('\n');
        }
        return """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: blocked, labels: {list: blocked}}
                spec: {nets: [%s]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: deny-blocked}
                spec:
                  selector: SELECTOR
                  types: [Ingress]
                  ingress:
                RULES    - {action: Deny, source: {selector: list == 'blocked'}}
                    - {action: Allow}
                """.replace("SELECTOR", selector).replace("RULES", rules);
    }

    /** The packets the flow cache's check rule in {@code filter-forward} accepted so far. */
    private static long cacheHits(Topology t) {
        return cacheHits(t, ChainNames.FILTER_FORWARD);
    }

    /** The packets the flow cache's check rule of a filter hook accepted so far. */
    private static long cacheHits(Topology t, String hook) {
        String chain = t.host.exec("nft", "list", "chain", "inet", "selvedge", hook);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("counter packets (\\d+) bytes \\d+ accept comment \""
                + java.util.regex.Pattern.quote(FlowCache.CHECK_COMMENT) + "\"").matcher(chain);
        assertThat(m.find()).as("the check rule in %s", chain).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * applyOnForward (G15): a normal host endpoint policy applies to traffic to the host only;
     * with applyOnForward it also applies to forwarded traffic. preDNAT policy applies to both,
     * before the normal one. Failsafe ports survive a deny-all on the host endpoint (G17).
     */
    @Test
    void applyOnForwardPreDnatAndFailsafe() {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            String policy = """
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: block-peer}
                    spec:
                      selector: hep == 'true'
                      applyOnForward: %s
                      types: [Ingress]
                      ingress:
                        - {action: Deny, source: {nets: [192.0.2.10/32]}}
                        - {action: Allow}
                    """;
            node.apply(BLUE + HEP + "---\n" + policy.formatted("false"));
            t.prober(t.host);
            Prober peer = t.prober(t.peer);
            t.prober(t.workload("cali1").ns());
            new Probes()
                    .deny("host endpoint policy: to the host", peer, "udp", "198.51.100.1", "192.0.2.10")
                    .allow("host endpoint policy: others to the host", peer, "udp", "198.51.100.1", "203.0.113.5")
                    .allowAll("not applyOnForward: forwarded traffic is allowed by default", peer, "10.0.0.5", "192.0.2.10")
                    .check(t.host);
            FlushReport r = node.apply(policy.formatted("true"));
            assertThat(r.fullReplace()).isFalse();
            new Probes()
                    .denyAll("applyOnForward: forwarded traffic too", peer, "10.0.0.5", "192.0.2.10")
                    .allowAll("applyOnForward: others pass", peer, "10.0.0.5", "203.0.113.5")
                    .allowAll("applyOnForward: others pass (IPv6)", peer, "2001:db8:10::5", "2001:db8:55::10")
                    .check(t.host);
            node.apply("""
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: prednat}
                    spec:
                      selector: hep == 'true'
                      preDNAT: true
                      applyOnForward: true
                      types: [Ingress]
                      ingress: [{action: Deny, source: {nets: [203.0.113.5/32]}}]
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: block-peer}
                    spec:
                      selector: hep == 'true'
                      types: [Ingress, Egress]
                      ingress: [{action: Deny}]
                      egress: [{action: Deny}]
                    """);
            new Probes()
                    .denyAll("preDNAT deny: forwarded", peer, "10.0.0.5", "203.0.113.5")
                    .allowAll("preDNAT: no match, forwarded allowed by default", peer, "10.0.0.5", "192.0.2.10")
                    .deny("deny-all on the host endpoint", peer, "udp", "198.51.100.1", "192.0.2.10")
                    .deny("deny-all on the host endpoint", peer, "tcp", "198.51.100.1", 8080, "192.0.2.10")
                    .allow("failsafe tcp:22 survives a deny-all", peer, "tcp", "198.51.100.1", 22, "192.0.2.10")
                    .allow("failsafe beats a preDNAT deny too (G17)", peer, "tcp", "198.51.100.1", 22, "203.0.113.5")
                    .check(t.host);
        }
    }

    /** Tiers: Pass goes to the next tier, whose end-of-tier deny applies; notNets and its IPv6 twin (G7). */
    @Test
    void tiersPassAndNotNets() {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            node.apply(BLUE + """
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: Tier
                    metadata: {name: security}
                    spec: {order: 100}
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: security.triage}
                    spec:
                      tier: security
                      selector: color == 'blue'
                      types: [Ingress]
                      ingress:
                        - {action: Pass, source: {nets: [192.0.2.0/24]}}
                        - {action: Pass, source: {nets: ['2001:db8:55::/48']}}
                        - {action: Deny}
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: NetworkPolicy
                    metadata: {name: not-the-bad-one, namespace: prod}
                    spec:
                      selector: color == 'blue'
                      types: [Ingress]
                      ingress:
                        - {action: Allow, source: {notNets: [192.0.2.55/32]}}
                    """);
            Prober peer = t.prober(t.peer);
            t.prober(t.workload("cali1").ns());
            new Probes()
                    .allowAll("security passes it, default allows it (not 192.0.2.55)", peer, "10.0.0.5", "192.0.2.10")
                    .denyAll("security passes it, default: notNets excludes it, end of tier", peer, "10.0.0.5", "192.0.2.55")
                    .denyAll("security denies it", peer, "10.0.0.5", "203.0.113.5")
                    .denyAll("IPv6: passed, but the IPv4-only notNets rule does not exist in IPv6 (G7)", peer, "2001:db8:10::5",
                            "2001:db8:55::10")
                    .check(t.host);
        }
    }

    /**
     * G9 as the kernel executes it: {@code notICMP {type: T, code: C}} excludes the one
     * (type, code) pair, as Calico's nft rule does once nft has merged its two negated compares
     * (and as Calico's iptables {@code ! --icmp-type T/C} does). Same type other code, other
     * type same code, and other type other code all pass; the evaluator agrees on each packet.
     */
    @Test
    void g9_notIcmpWithCodeExcludesOnlyThatPair() throws Exception {
        try (Topology t = Topology.build(1)) {
            Node node = new Node(t);
            node.apply(BLUE + """
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: icmp-pairs}
                    spec:
                      selector: color == 'blue'
                      types: [Ingress]
                      ingress:
                        - {action: Allow, protocol: ICMP, notICMP: {type: 8, code: 1}}
                        - {action: Allow, protocol: ICMPv6, notICMP: {type: 128, code: 1}}
                    """);
            assertThat(t.host.exec("nft", "list", "table", "inet", "selvedge"))
                    .contains("icmp type . icmp code != { echo-request . host-unreachable }");
            Prober peer = t.prober(t.peer);
            Prober blue = t.prober(t.workload("cali1").ns());
            blue.sniff();
            FlowEvaluator ev = new FlowEvaluator(node.graph.snapshot(), DataplaneSettings.defaults());
            // {destination, type, code, expected}: echo request (8/128) and timestamp (13) create
            // conntrack entries, so none of them is dropped as invalid before policy.
            Object[][] cases = {
                {"10.0.0.5", 8, 1, false}, {"10.0.0.5", 8, 0, true}, {"10.0.0.5", 13, 1, true}, {"10.0.0.5", 13, 0, true},
                {"2001:db8:10::5", 128, 1, false}, {"2001:db8:10::5", 128, 0, true}, {"2001:db8:10::5", 128, 2, true}};
            for (int i = 0; i < cases.length; i++) {
                peer.icmpMessage((String) cases[i][0], (int) cases[i][1], (int) cases[i][2], "m-" + i, null);
            }
            Thread.sleep(500);
            java.util.Set<String> arrived = blue.sniffed();
            for (int i = 0; i < cases.length; i++) {
                String dst = (String) cases[i][0];
                Flow f = Flow.icmp(dst.contains(":") ? "2001:db8:1::2" : "198.51.100.2", dst, (int) cases[i][1], (int) cases[i][2])
                        .via("eth0", "cali1");
                assertThat(arrived.contains("m-" + i)).as("kernel: %s", f).isEqualTo(cases[i][3]);
                assertThat(ev.decide(f) == Decision.ALLOW).as("evaluator: %s", f).isEqualTo(cases[i][3]);
            }
        }
    }
}
