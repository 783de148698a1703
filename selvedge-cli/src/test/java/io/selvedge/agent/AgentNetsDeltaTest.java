package io.selvedge.agent;

import static io.selvedge.agent.AgentLoopTest.BASE;
import static io.selvedge.agent.AgentLoopTest.await;
import static io.selvedge.agent.AgentLoopTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.dataplane.InterfaceInventory;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's loop in-process on a real SQLite file and a FakeNft: a network-set change the
 * datastore delivers as a nets delta is applied as one when the graph can (its log says so), and
 * as the full resource when it cannot (the set holds an entry that does not parse); the kernel
 * ends up with the same elements either way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentNetsDeltaTest {

    @Test
    void deltasApplyWhenTheyCanAndFullResourcesOtherwise(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        AgentLoopTest.FlakyNft nft = new AgentLoopTest.FlakyNft();
        AgentMetrics metrics = new AgentMetrics();
        Path db = dir.resolve("s.db");
        try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            // The datastore does not validate: a net that does not parse reaches the graph, which
            // reports it and skips it (as Felix does).
            decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, not-a-net]")).forEach(store::apply);
            InterfaceReader interfaces = new InterfaceReader() {
                @Override
                public InterfaceInventory read() {
                    return InterfaceInventory.empty();
                }
            };
            Agent agent = new Agent("node1", () -> DatastoreFactory.open(DatastoreUrl.sqlite(db)), nft,
                    EnforcementSettings.defaults(), interfaces, new AgentLog(new PrintWriter(log, true), false), metrics);
            Thread loop = new Thread(agent::run, "agent-loop");
            loop.start();
            try {
                await("first programming", () -> metrics.revision() == store.currentRevision(), log);

                // +1 net on a set with a problem: the graph refuses the delta, the full resource goes in.
                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, not-a-net, 192.0.2.99/32]")).get(0));
                // (The log line follows the revision metric: wait for it rather than race it.)
                await("the first change", () -> log.toString().contains("revision " + store.currentRevision() + ":"), log);
                assertThat(nft.fake.dump()).contains("192.0.2.99");
                assertThat(log.toString())
                        .contains("1 changes (modified GlobalNetworkSet deny), 1 nets deltas not applicable (read in whole) -> ")
                        .doesNotContain("as nets deltas");

                // The bad entry goes (again in whole), then a net is added: as a delta.
                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, 192.0.2.99/32]")).get(0));
                await("the second change", () -> log.toString().contains("revision " + store.currentRevision() + ":"), log);
                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, 192.0.2.99/32, 198.51.100.7/32]")).get(0));
                await("the third change", () -> log.toString().contains("revision " + store.currentRevision() + ":"), log);
                assertThat(log.toString()).contains("1 changes (modified GlobalNetworkSet deny), 1 as nets deltas (-0 +1)");
                assertThat(nft.fake.dump()).contains("192.0.2.55", "192.0.2.99", "198.51.100.7");

                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[198.51.100.7/32]")).get(0));
                await("the fourth change", () -> log.toString().contains("revision " + store.currentRevision() + ":"), log);
                assertThat(log.toString()).contains("1 as nets deltas (-2 +0)");
                assertThat(nft.fake.dump()).contains("198.51.100.7").doesNotContain("192.0.2.55").doesNotContain("192.0.2.99");
            } finally {
                agent.stop();
                loop.join(10_000);
                agent.close();
            }
        }
    }
}
