package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code selvedge agent} in a {@link Topology} host namespace, on a real SQLite file,
 * with real packets: the guide example with {@code --once}; a GlobalNetworkSet change enforced in
 * watch mode; and restart safety — denied probes sprayed continuously while the agent is killed
 * with SIGKILL and restarted twice, none get through, and allowed traffic keeps working.
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgentIT {

    static final String DENY_LIST_WITH_10 = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: ip-protect, labels: {ip-deny-list: 'true'}}
            spec: {nets: [192.0.2.55/32, 203.0.113.0/24, 192.0.2.10/32]}
            """;

    private GuideDatastore store;
    private Path db;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
    }

    @BeforeEach
    void datastore() {
        store = new GuideDatastore("selvedge-agent-it");
        db = store.db;
    }

    @AfterEach
    void removeDatastore() throws IOException {
        store.close();
    }

    long storeRevision() {
        return store.revision();
    }

    @Test
    void onceProgramsTheGuideExample() {
        try (Topology t = Topology.build(2); AgentProcess agent = AgentProcess.start(t.host, db, "--once")) {
            int code = agent.waitFor(60);
            assertThat(code).as("agent --once log:%n%s", agent.log()).isZero();
            assertThat(agent.log()).contains("kernel holds revision " + storeRevision());
            Prober peer = t.prober(t.peer);
            Prober red = t.prober(t.workload("cali1").ns());
            Prober blue = t.prober(t.workload("cali2").ns());
            t.prober(t.host);
            new Probes()
                    .allow("red egress to 192.0.2.0/24", red, "udp", "192.0.2.10", null)
                    .deny("red egress elsewhere", red, "udp", "198.51.100.2", null)
                    .allow("blue: no policy, kns profile", blue, "udp", "192.0.2.10", null)
                    .deny("deny-list: replies from 203.0.113.5", blue, "udp", "203.0.113.5", null)
                    .deny("deny-list: to the host from 192.0.2.55", peer, "udp", "198.51.100.1", "192.0.2.55")
                    .allow("to the host from 192.0.2.10", peer, "udp", "198.51.100.1", "192.0.2.10")
                    .allow("failsafe tcp:22 beats the deny-list", peer, "tcp", "198.51.100.1", 22, "192.0.2.55")
                    .deny("deny-list: forwarded from 192.0.2.55", peer, "udp", "10.0.0.6", "192.0.2.55")
                    .check(t.host);
        }
    }

    @Test
    void watchModeEnforcesANetworkSetChange() {
        try (Topology t = Topology.build(0); AgentProcess agent = AgentProcess.start(t.host, db)) {
            agent.awaitRevision(storeRevision(), 60);
            Prober peer = t.prober(t.peer);
            t.prober(t.host);
            assertThat(peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.10")).isEqualTo("ok");
            long written = System.nanoTime();
            AgentProcess.apply(db, DENY_LIST_WITH_10);
            long deadline = written + TimeUnit.SECONDS.toNanos(10);
            String got = "ok";
            while (got.equals("ok") && System.nanoTime() < deadline) {
                got = peer.probe("udp", "198.51.100.1", 8081, 300, "192.0.2.10");
            }
            assertThat(got).as("probe from 192.0.2.10 after it joined the deny-list; agent log:%n%s", agent.log()).isNotEqualTo("ok");
            System.out.printf("AgentIT: deny-list change enforced within %d ms of the write%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written));
            assertThat(agent.log()).contains("1 changes (modified GlobalNetworkSet ip-protect)");
            String metrics = t.host.exec(Prober.PYTHON, "-c",
                    "import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:9091/metrics').read().decode())");
            assertThat(metrics).contains("selvedge_up 1", "selvedge_revision_programmed " + storeRevision(), "selvedge_syncs_total 2",
                    "selvedge_rule_packets_total{policy=\"default/gnp/ip-protect\",rule=\"default/gnp/ip-protect ingress[0]\"} ");
            String health = t.host.exec(Prober.PYTHON, "-c",
                    "import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:9091/healthz').status)");
            assertThat(health.strip()).isEqualTo("200");
            assertThat(agent.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(agent.log()).contains("table inet selvedge stays in place");
            assertThat(t.host.exec("nft", "list", "tables")).contains("table inet selvedge");
        }
    }

    @Test
    void noDeniedProbeGetsThroughWhileTheAgentIsKilledAndRestarted() throws Exception {
        try (Topology t = Topology.build(0)) {
            AgentProcess first = AgentProcess.start(t.host, db);
            first.awaitRevision(storeRevision(), 60);
            Prober host = t.prober(t.host);
            Prober peer = t.prober(t.peer);
            host.countUdp(9999);
            Prober sprayer = Prober.in(t.peer.name);
            AtomicLong sent = new AtomicLong();
            Thread spray = new Thread(() -> sent.set(sprayer.spray("198.51.100.1", 9999, 20_000, "192.0.2.55")), "spray");
            spray.start();
            int allowedOk = 0;
            int allowedTried = 0;
            AgentProcess current = first;
            try {
                for (int round = 1; round <= 2; round++) {
                    AgentProcess.pause(500);
                    current.kill();
                    AgentProcess.pause(300);   // the kernel enforces alone while the agent is down
                    allowedTried++;
                    allowedOk += peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.10").equals("ok") ? 1 : 0;
                    current.close();
                    current = AgentProcess.start(t.host, db);
                    current.awaitLog("nft: replaced table", 0, 60);
                    allowedTried++;
                    allowedOk += peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.10").equals("ok") ? 1 : 0;
                }
                spray.join(40_000);
            } finally {
                current.close();
                sprayer.close();
            }
            long received = host.counted(9999);
            System.out.printf("AgentIT restart: %d denied datagrams sent from 192.0.2.55 during 2 SIGKILL+restart cycles,"
                    + " %d received; allowed probes %d/%d ok%n", sent.get(), received, allowedOk, allowedTried);
            assertThat(sent.get()).as("the sprayer sent datagrams").isGreaterThan(1000);
            assertThat(received).as("denied datagrams that reached the host").isZero();
            assertThat(allowedOk).as("allowed probes that got an answer").isEqualTo(allowedTried);
        }
    }
}
