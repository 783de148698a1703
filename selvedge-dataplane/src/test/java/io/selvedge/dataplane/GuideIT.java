package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.DesiredState;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.EndpointToHostAction;
import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calico's external-IPs guide enforced on real packets ({@link Topology}: a host with host
 * endpoint eth0 towards a peer, and pods red (cali1, 10.0.0.5) and blue (cali2, 10.0.0.6)).
 * The guide's resources, plus what a real node has: a {@code kns.production} allow-all profile on
 * the pods, and an allow-all profile on the host endpoint (Calico's default-allow for host
 * endpoints), whose expected IP is the host's address.
 *
 * <p>The ip-protect policies are doNotTrack: an allowed packet from the peer is not tracked, so
 * the reply to it is a new (UDP) or invalid (TCP SYN-ACK, ICMP echo reply) packet for conntrack
 * and meets the replier's normal policy — the "doNotTrack needs symmetric rules" gotcha (G14),
 * checked below exactly as the kernel does it.
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GuideIT {

    static final String IT_ENDPOINTS = """
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.production}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: allow-all}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-red-eth0, namespace: production, labels: {color: red}}
            spec: {orchestrator: k8s, node: node1, pod: red, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.5/32, '2001:db8:10::5/128'], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-blue-eth0, namespace: production, labels: {color: blue}}
            spec: {orchestrator: k8s, node: node1, pod: blue, endpoint: eth0, interfaceName: cali2,
                   ipNetworks: [10.0.0.6/32, '2001:db8:10::6/128'], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node2-k8s-sneaky-eth0, namespace: production, labels: {ip-deny-list: 'true'}}
            spec: {orchestrator: k8s, node: node2, pod: sneaky, endpoint: eth0, interfaceName: cali3,
                   ipNetworks: [10.0.0.7/32], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {apply-ip-protect: 'true'}}
            spec: {node: node1, interfaceName: eth0, expectedIPs: [198.51.100.1, '2001:db8:1::1'], profiles: [allow-all]}
            """;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
    }

    static DesiredState guideState() {
        return States.of("node1", States.guideExamples() + IT_ENDPOINTS);
    }

    @Test
    void guideExampleOnRealPackets() {
        try (Topology t = Topology.build(2)) {
            Syncer syncer = new Syncer(t.nft(), new Renderer(DataplaneConfig.defaults()));
            syncer.setInterfaces(t.interfaces());
            syncer.setDesiredState(guideState());
            FlushReport report = syncer.flush();
            assertThat(report.fullReplace()).isTrue();
            Prober host = t.prober(t.host);
            Prober peer = t.prober(t.peer);
            Prober red = t.prober(t.workload("cali1").ns());
            Prober blue = t.prober(t.workload("cali2").ns());
            new Probes()
                    // step 1: red may send only to 192.0.2.0/24
                    .allow("red egress to 192.0.2.0/24", red, "udp", "192.0.2.10", null)
                    .allow("red egress to 192.0.2.0/24", red, "icmp", "192.0.2.10", null)
                    .deny("the untracked SYN-ACK leaves red's ACK invalid for conntrack (G14)", red, "tcp", "192.0.2.10", null)
                    .denyAll("red egress elsewhere", red, "198.51.100.2", null)
                    .denyAll("red egress elsewhere (and the deny-list)", red, "203.0.113.6", null)
                    .denyAll("red has no IPv6 egress rule: end of tier", red, "2001:db8:55::10", null)
                    .allow("blue: no policy, kns profile", blue, "udp", "192.0.2.10", null)
                    .allow("blue: no policy, kns profile", blue, "icmp", "192.0.2.10", null)
                    .deny("blue: the untracked SYN-ACK leaves its ACK invalid (G14)", blue, "tcp", "192.0.2.10", null)
                    .allow("blue IPv6: no policy, kns profile", blue, "udp", "2001:db8:55::10", null)
                    .allow("blue IPv6: no policy, kns profile", blue, "icmp", "2001:db8:55::10", null)
                    // steps 2-3: the deny-list drops replies from 192.0.2.55 and 203.0.113.0/24 in raw
                    .denyAll("deny-list: replies from 203.0.113.5", blue, "203.0.113.5", null)
                    .denyAll("deny-list: replies from 192.0.2.55", blue, "192.0.2.55", null)
                    // forwarded traffic from the peer
                    .denyAll("deny-list: forwarded from 192.0.2.55", peer, "10.0.0.6", "192.0.2.55")
                    .denyAll("deny-list: forwarded from 203.0.113.5", peer, "10.0.0.6", "203.0.113.5")
                    .allow("untracked request; blue's UDP reply is new and its profile allows", peer, "udp", "10.0.0.6", "192.0.2.10")
                    .deny("untracked request; blue's SYN-ACK is invalid for conntrack (G14)", peer, "tcp", "10.0.0.6", "192.0.2.10")
                    .deny("untracked request; blue's echo reply is invalid for conntrack (G14)", peer, "icmp", "10.0.0.6", "192.0.2.10")
                    .allow("red's UDP reply to 192.0.2.10 is allowed by its egress policy", peer, "udp", "10.0.0.5", "192.0.2.10")
                    .deny("red's UDP reply to 198.51.100.2 is not (doNotTrack needs symmetric rules)", peer, "udp", "10.0.0.5",
                            "198.51.100.2")
                    .allow("IPv6 from the peer, blue replies (UDP)", peer, "udp", "2001:db8:10::6", "2001:db8:55::10")
                    // host-local traffic through the host endpoint
                    .deny("deny-list: to the host from 192.0.2.55", peer, "udp", "198.51.100.1", "192.0.2.55")
                    .deny("deny-list: to the host from 203.0.113.6", peer, "icmp", "198.51.100.1", "203.0.113.6")
                    .allow("to the host from 192.0.2.10: untracked allow, UDP reply allowed by the host endpoint profile", peer, "udp",
                            "198.51.100.1", "192.0.2.10")
                    .allow("failsafe tcp:22 beats the deny-list", peer, "tcp", "198.51.100.1", 22, "192.0.2.55")
                    .deny("but not on other ports", peer, "tcp", "198.51.100.1", 8080, "192.0.2.55")
                    .allow("IPv6 to the host (UDP)", peer, "udp", "2001:db8:1::1", "2001:db8:55::10")
                    // workloads and the host
                    .allowAll("host to a local workload is not policed", host, "10.0.0.5", null)
                    .allowAll("host to a local workload is not policed (IPv6)", host, "2001:db8:10::6", null)
                    .denyAll("workload to host: red's egress policy", red, "198.51.100.1", null)
                    .denyAll("workload to host: DefaultEndpointToHostAction DROP", blue, "198.51.100.1", null)
                    .denyAll("red to blue: red's egress policy", red, "10.0.0.6", null)
                    .allowAll("blue to red: allowed both ways (conntrack)", blue, "10.0.0.5", null)
                    .check(t.host);
        }
    }

    /** DefaultEndpointToHostAction ACCEPT: a workload reaches its host after its own egress policy. */
    @Test
    void endpointToHostAccept() {
        try (Topology t = Topology.build(2)) {
            Syncer syncer = new Syncer(t.nft(), new Renderer(DataplaneConfig.of(DataplaneSettings.defaults().withEndpointToHostAction(EndpointToHostAction.ACCEPT))));
            syncer.setInterfaces(t.interfaces());
            syncer.setDesiredState(guideState());
            syncer.flush();
            t.prober(t.host);
            Prober red = t.prober(t.workload("cali1").ns());
            Prober blue = t.prober(t.workload("cali2").ns());
            new Probes()
                    .allowAll("blue to host: profile, then ACCEPT", blue, "198.51.100.1", null)
                    .denyAll("red to host: still its egress policy", red, "198.51.100.1", null)
                    .check(t.host);
        }
    }

    /**
     * Atomic replacement: a peer sprays packets the deny-list drops while the whole table is
     * replaced again and again; not one reaches the host. An allowed stream sent alongside proves
     * the spray works.
     */
    @Test
    void denyListHoldsWhileTheTableIsReplaced() throws Exception {
        try (Topology t = Topology.build(0)) {
            Syncer syncer = new Syncer(t.nft(), new Renderer(DataplaneConfig.defaults()));
            syncer.setInterfaces(t.interfaces());
            syncer.setDesiredState(guideState());
            syncer.flush();
            int replacements = sprayWhileRepeating(t, round -> assertThat(syncer.fullResync().fullReplace()).isTrue());
            assertThat(replacements).as("table replacements during the spray").isGreaterThan(5);
        }
    }

    /**
     * Sprays datagrams the deny-list drops (from 192.0.2.55) and allowed ones (from 192.0.2.10) at
     * the host for 6 s while {@code round} runs again and again (given its number); checks that the
     * allowed stream arrived and that not one denied datagram did. Returns the number of rounds.
     */
    private static int sprayWhileRepeating(Topology t, java.util.function.IntConsumer round) throws Exception {
        Prober host = t.prober(t.host);
        host.countUdp(9999);
        host.countUdp(9998);
        Prober denied = t.prober(t.peer);
        Prober allowed = Prober.in(t.peer.name);
        try {
            CompletableFuture<Long> deniedSent = CompletableFuture.supplyAsync(() -> denied.spray("198.51.100.1", 9999, 6000, "192.0.2.55"));
            CompletableFuture<Long> allowedSent = CompletableFuture.supplyAsync(() -> allowed.spray("198.51.100.1", 9998, 6000, "192.0.2.10"));
            int rounds = 0;
            long deadline = System.nanoTime() + Duration.ofMillis(5500).toNanos();
            while (System.nanoTime() < deadline) {
                round.accept(rounds++);
            }
            long sent = deniedSent.get(30, TimeUnit.SECONDS);
            long sentOk = allowedSent.get(30, TimeUnit.SECONDS);
            assertThat(sent).isGreaterThan(1000);
            assertThat(host.counted(9998)).as("allowed datagrams that arrived (of %d)", sentOk).isGreaterThan(sentOk / 2);
            assertThat(host.counted(9999)).as("denied datagrams that got through during %d rounds (of %d sent)", rounds, sent).isZero();
            return rounds;
        } finally {
            allowed.close();
        }
    }

    /** The guide's state with 6,000 (or {@code extra}) more /32s in the ip-protect deny-list (10.0.0.0/8, data only). */
    static DesiredState guideStateWithBulk(long seed, int extra) {
        java.util.Random rnd = new java.util.Random(seed);
        // a /29 and a /27 too: four lengths, so that the set can have a gate
        java.util.Set<String> nets = new java.util.LinkedHashSet<>(java.util.List.of("192.0.2.55/32", "203.0.113.0/24", "10.255.255.248/29",
                "10.255.254.0/27"));
        while (nets.size() < extra + 2) {
            nets.add("10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "/32");
        }
        java.util.List<io.selvedge.model.Resource> resources = States.decode(States.guideExamples() + IT_ENDPOINTS);
        resources.addAll(States.decode("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: ip-protect, labels: {ip-deny-list: 'true'}}
                spec: {nets: [%s]}
                """.formatted(String.join(", ", nets))));   // replaces the guide's set of that name
        return States.of("node1", resources);
    }

    /**
     * Restarts with a big deny-list (its /32 set has a digest record): each round is a new syncer
     * on the table the previous one left, with the same content (the set is kept), another content
     * of the same size (reloaded in the switch transaction), or one that needs a bigger set (a new
     * set, preloaded by a parallel transaction before the switch). Denied datagrams sprayed all
     * along: none gets through. Also with the deny-list behind a gate (its covered and gate sets
     * preloaded, kept and reloaded like the others).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBigDenyListHoldsAcrossRestartsThatKeepReloadOrPreloadItsSets(boolean gate) throws Exception {
        DesiredState[] states = {guideStateWithBulk(1, 6000), guideStateWithBulk(2, 6000), guideStateWithBulk(3, 9000)};
        DataplaneConfig config = gate ? DataplaneConfig.defaults().withGateMinElements(1).withCpeBudget(0) : DataplaneConfig.defaults();
        try (Topology t = Topology.build(0)) {
            Syncer first = new Syncer(t.nft(), new Renderer(config), 2);
            first.setInterfaces(t.interfaces());
            first.setDesiredState(states[0]);
            first.flush();
            int[] kept = new int[1];
            int[] reloaded = new int[1];
            int[] preloaded = new int[1];
            int rounds = sprayWhileRepeating(t, round -> {
                Syncer restarted = new Syncer(t.nft(), new Renderer(config), 2);
                restarted.setInterfaces(t.interfaces());
                restarted.setDesiredState(states[round % states.length]);
                FlushReport r = restarted.flush();
                assertThat(r.fullReplace()).isTrue();
                kept[0] += r.setsKept();
                reloaded[0] += r.preloads() == 0 && r.setsKept() == 0 && r.elementsAdded() >= 6000 ? 1 : 0;
                preloaded[0] += r.preloads();
            });
            assertThat(rounds).as("restarts during the spray").isGreaterThan(3);
            assertThat(kept[0]).as("sets kept").isPositive();
            assertThat(preloaded[0]).as("preload transactions").isPositive();
            assertThat(reloaded[0]).as("rounds that reloaded the set in the switch transaction").isPositive();
            assertThat(t.nft().listSets(Ruleset.TABLE).stream().anyMatch(n -> n.contains("-4-g24"))).as("a gate set").isEqualTo(gate);
        }
    }
}
