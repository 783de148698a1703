package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A big deny-list changed by small steps, through the real agent on a real SQLite file, with real
 * packets: the datastore records each change as a nets delta, the agent applies it as one
 * (its log says so) and the kernel enforces the result — an address added is dropped, the same
 * address removed again passes, and the rest of the list keeps dropping.
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgentNetsDeltaIT {
    private static final int SIZE = 50_000;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
    }

    /** The guide's ip-protect set (label ip-deny-list) with the guide's two nets and {@code filler}. */
    private static String denyList(List<String> filler, String... more) {
        StringBuilder nets = new StringBuilder("192.0.2.55/32, 203.0.113.0/24");
        for (String n : filler) {
            nets.append(", ").append(n);
        }
        for (String n : more) {
            nets.append(", ").append(n);
        }
        return "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\n"
                + "metadata: {name: ip-protect, labels: {ip-deny-list: 'true'}}\nspec: {nets: [" + nets + "]}\n";
    }

    /** Host addresses in 10.64.0.0/10, away from the topology's addresses. */
    private static List<String> hosts(int from, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add("10." + (64 + (i >> 16)) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF) + "/32");
        }
        return out;
    }

    /** Probes from {@code source} to the host until the answer is (not) "ok" as wanted, for up to 10 s. */
    private static boolean reaches(Prober peer, String source, boolean wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean ok;
        do {
            ok = peer.probe("udp", "198.51.100.1", 8081, 300, source).equals("ok");
        } while (ok != wanted && System.nanoTime() < deadline);
        return ok;
    }

    @Test
    void smallChangesOfABigDenyListAreAppliedAsDeltasAndEnforced() throws IOException {
        try (GuideDatastore store = new GuideDatastore("selvedge-agent-delta-it")) {
            List<String> filler = hosts(0, SIZE);
            AgentProcess.apply(store.db, denyList(filler));
            try (Topology t = Topology.build(0); AgentProcess agent = AgentProcess.start(t.host, store.db)) {
                agent.awaitRevision(store.revision(), 90);
                Prober peer = t.prober(t.peer);
                t.prober(t.host);
                assertThat(reaches(peer, "192.0.2.10", true)).as("192.0.2.10 before it is listed").isTrue();

                // 500 nets out, 500 in, and 192.0.2.10.
                List<String> changed = new ArrayList<>(filler.subList(500, SIZE));
                changed.addAll(hosts(SIZE, 500));
                AgentProcess.apply(store.db, denyList(changed, "192.0.2.10/32"));
                assertThat(reaches(peer, "192.0.2.10", false)).as("192.0.2.10 once listed; agent log:%n%s", agent.log())
                        .isFalse();
                agent.awaitRevision(store.revision(), 30);
                assertThat(agent.log())
                        .contains("1 changes (modified GlobalNetworkSet ip-protect), 1 as nets deltas (-500 +501)");

                // And out again: allowed; the guide's entries still drop.
                AgentProcess.apply(store.db, denyList(changed));
                assertThat(reaches(peer, "192.0.2.10", true)).as("192.0.2.10 once unlisted; agent log:%n%s", agent.log())
                        .isTrue();
                agent.awaitRevision(store.revision(), 30);
                assertThat(agent.log()).contains("1 as nets deltas (-1 +0)");
                assertThat(reaches(peer, "192.0.2.55", false)).as("192.0.2.55, listed throughout").isFalse();
            }
        }
    }
}
