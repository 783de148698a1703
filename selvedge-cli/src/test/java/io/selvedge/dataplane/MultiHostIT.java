package io.selvedge.dataplane;

import io.selvedge.probe.Prober;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.dataplane.MultiHostCluster.Host;
import io.selvedge.nft.Netns;
import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.store.NodeStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three hosts, each with its own {@code selvedge agent}, on one 3-member etcd cluster
 * ({@link MultiHostCluster}), with real packets and the kernels' own change reports
 * ({@link KernelMonitor}). One cluster for the class; every test leaves it whole (members up,
 * no partition, agents running), and starts by checking that.
 * The resources are {@link MultiHostResources}.
 */
@ExtendWith(NetnsLeftovers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MultiHostIT {

    /** Sources the tests add to the deny-list, one per test (the peers send from them). */
    static final List<String> EXTRA_SOURCES = List.of("192.0.2.77", "192.0.2.78", "192.0.2.79", "192.0.2.80", "192.0.2.81");

    /** What the tests so far added to the deny-list (each test adds one and keeps the others). */
    private final List<String> listed = new java.util.ArrayList<>();

    private MultiHostCluster cluster;
    private final java.util.Map<Host, Prober> peers = new java.util.HashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
        Assumptions.assumeTrue(Netns.status("etcd", "--version") == 0, "needs etcd on the PATH");
        cluster = MultiHostCluster.start(3, 1);
        cluster.store.apply(MultiHostResources.RESOURCES + "---\n" + MultiHostResources.denyList());
        cluster.startAgents("--heartbeat", "1");
        for (Host h : cluster.hosts) {
            for (String a : EXTRA_SOURCES) {
                h.topology.peer.exec("ip", "addr", "add", a + "/32", "dev", "eth0");
            }
            h.agent.awaitLog("nft: replaced table", 0, 90);
            peers.put(h, h.topology.prober(h.topology.peer));
            h.topology.prober(h.ns());
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            for (Host h : cluster.hosts) {
                if (h.agent != null) {
                    System.out.println("---- agent " + h.node + " log:\n" + h.agent.log());
                }
            }
            cluster.close();
        }
    }

    /** Whether the peer of {@code h} gets a UDP echo from the host's endpoint, sending from {@code src}. */
    private boolean admitted(Host h, String src) {
        return peers.get(h).probe("udp", "198.51.100.1", 8081, 500, src).equals("ok");
    }

    /** Applies {@code yaml} and waits until every kernel of {@code hosts} reports {@code address} added. */
    private NamespacedStore.Write applyAndAwait(String yaml, String address, List<Host> hosts, long timeoutMs) {
        List<KernelMonitor> monitors = hosts.stream().map(h -> KernelMonitor.in(h.ns())).toList();
        try {
            NamespacedStore.Write w = cluster.store.apply(yaml);
            for (int i = 0; i < hosts.size(); i++) {
                assertThat(monitors.get(i).await(KernelMonitor.added(address), timeoutMs))
                        .as("%s's kernel got %s; agent log:%n%s", hosts.get(i).node, address, hosts.get(i).agent.log())
                        .isPositive();
            }
            return w;
        } finally {
            monitors.forEach(KernelMonitor::close);
        }
    }

    /** The deny-list with what earlier tests added and {@code address}. */
    private String listing(String address) {
        listed.add(address + "/32");
        return MultiHostResources.denyList(listed.toArray(String[]::new));
    }

    /** Waits until {@code h} denies {@code src} (its peer's probes go unanswered); false on timeout. */
    private boolean awaitDenied(Host h, String src, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!admitted(h, src)) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(1)
    void oneApplyReachesEveryKernelAndNodesReportIt() {
        for (Host h : cluster.hosts) {
            assertThat(admitted(h, "192.0.2.77")).as(h.node + " before").isTrue();
            assertThat(admitted(h, "192.0.2.55")).as(h.node + " deny-list").isFalse();
        }
        NamespacedStore.Write w = applyAndAwait(listing("192.0.2.77"), "192.0.2.77", cluster.hosts, 30_000);
        for (Host h : cluster.hosts) {
            assertThat(admitted(h, "192.0.2.77")).as(h.node + " after").isFalse();
            assertThat(admitted(h, "192.0.2.10")).as(h.node + " not listed").isTrue();
        }
        // heartbeats (every second here) carry the revision each kernel holds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<NodeStatus> nodes = cluster.store.nodes();
        while (System.nanoTime() < deadline && !(nodes.size() == 3 && nodes.stream().allMatch(n -> n.revision() >= w.revision()))) {
            AgentProcess.pause(200);
            nodes = cluster.store.nodes();
        }
        assertThat(nodes).extracting(NodeStatus::node).containsExactly("host1", "host2", "host3");
        for (NodeStatus n : nodes) {
            assertThat(n.revision()).as(n.node()).isEqualTo(w.revision());
            assertThat(n.healthy()).as(n.node()).isTrue();
            assertThat(cluster.store.changedSince(n.revision())).as(n.node() + " lag").isZero();
        }
        String table = AgentProcess.selvedgeIn(cluster.lan, cluster.url(0), "", "get", "nodes");
        assertThat(table).containsPattern("host1 +[0-9]+s ago +" + w.revision() + " +0 +ok")
                .containsPattern("host3 +[0-9]+s ago +" + w.revision() + " +0 +ok");
    }

    @Test
    @Order(2)
    void eachAgentProgramsItsOwnEndpointsWhileRuleSetsSpanEveryNode() {
        Prober client = cluster.host(2).topology.prober(cluster.host(2).topology.workload("cali1").ns());
        Prober other = cluster.host(3).topology.prober(cluster.host(3).topology.workload("cali1").ns());
        cluster.host(1).topology.prober(cluster.host(1).topology.workload("cali1").ns());
        // host1's rule admits role == 'client': the workload on host2 is in its IP set, host3's is not
        assertThat(client.probe("tcp", "10.0.0.5", 8080, 1000, null)).as("client on host2 -> db on host1").isEqualTo("ok");
        assertThat(other.probe("tcp", "10.0.0.5", 8080, 1000, null)).as("other on host3 -> db on host1").isNotEqualTo("ok");
        assertThat(client.probe("tcp", "10.0.0.5", 22, 1000, null)).as("port not allowed").isNotEqualTo("ok");
        for (Host h : cluster.hosts) {
            // 6 endpoints in the datastore, 2 of them on each node
            assertThat(h.agent.log()).as(h.node).contains(" 2 local endpoints");
        }
    }

    @Test
    @Order(3)
    void killingTheMemberAnAgentUsesFailsOverAndKeepsEnforcing() throws Exception {
        Host h1 = cluster.host(1);
        // host1's endpoint list starts with m0, and nothing failed over yet
        assertThat(cluster.membersInUse(h1)).as("host1's connections").containsExactly(0);
        int member = 0;
        cluster.etcd.get(member).kill();
        try {
            assertThat(admitted(h1, "192.0.2.55")).as("denied while its member is dead").isFalse();
            assertThat(admitted(h1, "192.0.2.10")).as("allowed while its member is dead").isTrue();
            applyAndAwait(listing("192.0.2.78"), "192.0.2.78", cluster.hosts, 60_000);
            for (Host h : cluster.hosts) {
                assertThat(admitted(h, "192.0.2.78")).as(h.node).isFalse();
            }
            assertThat(cluster.membersInUse(h1)).as("host1 now uses other members").isNotEmpty().doesNotContain(member);
            assertThat(h1.agent.log()).doesNotContain("re-listing");
        } finally {
            cluster.etcd.get(member).restart();
        }
    }

    @Test
    @Order(4)
    void aPartitionedHostKeepsItsLastStateAndConvergesWhenHealed() {
        Host h3 = cluster.host(3);
        long pid = h3.agent.pid();
        long before = cluster.store.revision();
        KernelMonitor monitor3 = KernelMonitor.in(h3.ns());
        cluster.partition(h3);
        try {
            applyAndAwait(listing("192.0.2.79"), "192.0.2.79", List.of(cluster.host(1), cluster.host(2)), 30_000);
            assertThat(monitor3.await(KernelMonitor.added("192.0.2.79"), 3000)).as("host3 is cut off").isNegative();
            // it keeps enforcing what it had: never open
            assertThat(admitted(h3, "192.0.2.55")).isFalse();
            assertThat(admitted(h3, "192.0.2.78")).isFalse();
            assertThat(admitted(h3, "192.0.2.10")).isTrue();
            // the operator sees it lag: its heartbeat stops, and changes after its revision are not programmed
            AgentProcess.pause(3000);
            NodeStatus s3 = cluster.store.nodes().get(2);
            NodeStatus s1 = cluster.store.nodes().get(0);
            assertThat(s1.heartbeat()).as("host3's heartbeat stopped").isAfter(s3.heartbeat().plusSeconds(2));
            assertThat(s3.revision()).isLessThanOrEqualTo(before);
            assertThat(cluster.store.changedSince(s3.revision())).as("host3's lag").isPositive();
            assertThat(cluster.store.changedSince(s1.revision())).as("host1's lag").isZero();
        } finally {
            cluster.heal(h3);
        }
        try {
            assertThat(monitor3.await(KernelMonitor.added("192.0.2.79"), 90_000))
                    .as("host3 converged after healing; log:%n%s", h3.agent.log()).isPositive();
        } finally {
            monitor3.close();
        }
        assertThat(admitted(h3, "192.0.2.79")).isFalse();
        assertThat(h3.agent.pid()).as("same agent process").isEqualTo(pid);
    }

    @Test
    @Order(5)
    void compactionWhileAHostIsCutOffMakesItsAgentReListAndConverge() throws Exception {
        Host h3 = cluster.host(3);
        List<Integer> members = cluster.membersInUse(h3);
        assertThat(members).isNotEmpty();
        int stalls = count(h3.agent.log(), "watch seems stalled");
        cluster.partition(h3);
        cluster.loseGoodbyes(h3);
        try {
            try {
                // the members host3 talks to restart, one at a time (the cluster keeps its quorum):
                // their connections to host3, the watch's among them, end without host3 hearing of it
                for (int m : members) {
                    cluster.etcd.get(m).restart();
                }
                applyAndAwait(listing("192.0.2.80"), "192.0.2.80", List.of(cluster.host(1), cluster.host(2)), 30_000);
                cluster.store.apply(listing("192.0.2.99"));   // and one more: history moves on
                cluster.store.compact();
            } finally {
                cluster.heal(h3);
            }
            // the watch's connection stays open on host3's side; the agent notices that the kernel
            // is behind the datastore and does not move, re-opens the watch, and re-lists
            assertThat(awaitDenied(h3, "192.0.2.80", 90)).as("host3 converged; log:%n%s", h3.agent.log()).isTrue();
        } finally {
            cluster.keepGoodbyes(h3);
        }
        assertThat(count(h3.agent.log(), "watch seems stalled")).as("stall detected").isGreaterThan(stalls);
        assertThat(h3.agent.log()).contains("re-listing");
    }

    private static int count(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    @Test
    @Order(6)
    void anAgentKilledDuringALargeUpdateConvergesAfterRestartAndNothingDeniedPasses() throws Exception {
        Host h2 = cluster.host(2);
        Prober hostProber = Prober.in(h2.ns().name);
        Prober sprayer = Prober.in(h2.topology.peer.name);
        try {
            hostProber.countUdp(9999);
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            Thread spray = new Thread(() -> sent.set(sprayer.spray("198.51.100.1", 9999, 15_000, "192.0.2.55")), "spray");
            spray.start();
            StringBuilder big = new StringBuilder("""
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: big-list, labels: {ip-deny-list: 'true'}}
                    spec:
                      nets:
                      - 192.0.2.81/32
                    """);
            for (int i = 0; i < 50_000; i++) {
                big.append("  - 10.").append(128 + (i >> 16)).append('.').append((i >> 8) & 255).append('.').append(i & 255).append("/32\n");
            }
            cluster.store.apply(big.toString());
            h2.agent.kill();   // while it reads, decodes or programs the 50,000 new nets
            AgentProcess.pause(1000);   // the kernel enforces alone
            assertThat(admitted(h2, "192.0.2.10")).as("allowed while the agent is dead").isTrue();
            cluster.startAgent(h2, "--heartbeat", "1").awaitLog("nft: replaced table", 0, 90);
            assertThat(awaitDenied(h2, "192.0.2.81", 30)).as("host2 converged; log:%n%s", h2.agent.log()).isTrue();
            spray.join(30_000);
            long received = hostProber.counted(9999);
            System.out.printf("MultiHostIT: %d denied datagrams sent while host2's agent was killed and restarted, %d received%n",
                    sent.get(), received);
            assertThat(sent.get()).as("the sprayer sent datagrams").isGreaterThan(1000);
            assertThat(received).as("denied datagrams that reached host2").isZero();
        } finally {
            sprayer.close();
            hostProber.close();
        }
    }
}
