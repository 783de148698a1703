package io.selvedge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.codec.ResourceCodec;
import io.selvedge.dataplane.InterfaceInventory;
import io.selvedge.dataplane.Ruleset;
import io.selvedge.model.Resource;
import io.selvedge.nft.FakeNft;
import io.selvedge.nft.ForwardingNft;
import io.selvedge.nft.Nft;
import io.selvedge.nft.NftException;
import io.selvedge.nft.Transaction;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's loop in-process, on a real SQLite file and a {@link FakeNft} that can be told to
 * refuse transactions: start programs the whole table; a change is one delta transaction; while
 * nft refuses, the table stays, {@code /healthz} turns unhealthy and the round is retried; when nft
 * accepts again the agent reconverges with a whole-table replacement; stop leaves the table.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentLoopTest {

    static final String BASE = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: deny, labels: {deny: 'true'}}
            spec: {nets: [192.0.2.55/32]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: deny-list}
            spec:
              selector: has(host)
              types: [Ingress]
              ingress: [{action: Deny, source: {selector: "deny == 'true'"}}, {action: Allow}]
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {host: 'true'}}
            spec: {node: node1, interfaceName: eth0}
            """;

    /** A FakeNft that refuses transactions while {@code refusing}. */
    static final class FlakyNft extends ForwardingNft {
        final FakeNft fake;
        volatile boolean refusing;
        volatile int refused;

        FlakyNft() {
            this(new FakeNft());
        }

        private FlakyNft(FakeNft fake) {
            super(fake);
            this.fake = fake;
        }

        @Override
        public void run(Transaction tx) {
            if (refusing) {
                refused++;
                throw new NftException(NftException.Kind.OTHER, "Error: simulated refusal", "Error: simulated refusal", List.of());
            }
            super.run(tx);
        }
    }

    static List<Resource> decode(String yaml) {
        return List.copyOf(ResourceCodec.strict().decode("test.yaml", yaml).resourceList());
    }

    static void await(String what, BooleanSupplier condition, StringWriter log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s; agent log:%n%s", what, log).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** An agent for node1 on the SQLite file {@code db}, with no interfaces, logging to {@code log}. */
    static Agent agent(Path db, Nft nft, AgentMetrics metrics, StringWriter log) {
        InterfaceReader interfaces = new InterfaceReader() {
            @Override
            public InterfaceInventory read() {
                return InterfaceInventory.empty();
            }
        };
        return new Agent("node1", () -> DatastoreFactory.open(DatastoreUrl.sqlite(db)), nft,
                EnforcementSettings.defaults(), interfaces, new AgentLog(new PrintWriter(log, true), false), metrics);
    }

    @Test
    void programsDeltasSurvivesRefusalsAndStopsLeavingTheTable(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        FlakyNft nft = new FlakyNft();
        AgentMetrics metrics = new AgentMetrics();
        Path db = dir.resolve("s.db");
        try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            decode(BASE).forEach(store::apply);
            Agent agent = agent(db, nft, metrics, log);
            Thread loop = new Thread(agent::run, "agent-loop");
            loop.start();
            try {
                await("first programming", () -> metrics.revision() == store.currentRevision() && metrics.healthy(), log);
                assertThat(nft.fake.transactions()).isEqualTo(1);
                assertThat(nft.fake.dump()).contains("192.0.2.55");

                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, 192.0.2.99/32]")).get(0));
                await("the delta", () -> metrics.revision() == store.currentRevision(), log);
                assertThat(nft.fake.transactions()).isEqualTo(2);
                assertThat(nft.fake.dump()).contains("192.0.2.99");
                await("the delta in the log", () -> log.toString().contains("nft: delta in one transaction"), log);
                assertThat(log.toString()).contains("modified GlobalNetworkSet deny");

                nft.refusing = true;
                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.77/32]")).get(0));
                await("a refused round", () -> !metrics.healthy(), log);
                assertThat(nft.fake.dump()).as("the kernel keeps the previous table").contains("192.0.2.99").doesNotContain("192.0.2.77");
                // The log line follows the health change: wait for it rather than race it.
                await("the refusal in the log", () -> log.toString().contains("nft refused the transaction"), log);
                await("a retry", () -> nft.refused >= 2, log);

                nft.refusing = false;
                await("recovery", () -> metrics.healthy(), log);
                assertThat(nft.fake.dump()).contains("192.0.2.77").doesNotContain("192.0.2.99");
                await("the recovery in the log", () -> log.toString().contains("retry after failure; nft: replaced table"), log);
                assertThat(metrics.revision()).as("the retried round programmed the refused revision").isEqualTo(store.currentRevision());
                assertThat(metrics.render()).contains("selvedge_nft_errors_total " + nft.refused);
            } finally {
                agent.stop();
                loop.join(10_000);
                agent.close();
            }
            assertThat(loop.isAlive()).isFalse();
            assertThat(nft.fake.hasTable(Ruleset.TABLE)).as("stop leaves the table").isTrue();
            assertThat(log.toString()).contains("table inet selvedge stays in place");
        }
    }

    @Test
    void reconnectWatchResumesFromTheProgrammedRevisionWithoutReListing(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        FlakyNft nft = new FlakyNft();
        AgentMetrics metrics = new AgentMetrics();
        Path db = dir.resolve("s.db");
        try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            decode(BASE).forEach(store::apply);
            Agent agent = agent(db, nft, metrics, log);
            Thread loop = new Thread(agent::run, "agent-loop");
            loop.start();
            try {
                await("first programming", () -> metrics.revision() == store.currentRevision(), log);
                long programmed = metrics.revision();
                agent.reconnectWatch("test");
                await("the reconnect", () -> log.toString().contains("from revision " + programmed), log);
                assertThat(log.toString()).contains("the watch stalled: test");
                store.apply(decode(BASE.replace("[192.0.2.55/32]", "[192.0.2.55/32, 192.0.2.99/32]")).get(0));
                await("the change", () -> metrics.revision() == store.currentRevision(), log);
                assertThat(nft.fake.transactions()).as("one full load, then one delta").isEqualTo(2);
                assertThat(nft.fake.dump()).contains("192.0.2.99");
                assertThat(log.toString()).doesNotContain("re-listing");
            } finally {
                agent.stop();
                loop.join(10_000);
                agent.close();
            }
        }
    }
}
