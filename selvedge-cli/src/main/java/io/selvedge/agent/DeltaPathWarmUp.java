package io.selvedge.agent;

import io.selvedge.codec.ResourceCodec;
import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.dataplane.FlushReport;
import io.selvedge.dataplane.Renderer;
import io.selvedge.dataplane.Syncer;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.NetsChange;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.nft.FakeNft;
import io.selvedge.nft.ForwardingNft;
import io.selvedge.nft.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Runs the code a change of a big network set goes through — the graph's nets delta, the
 * syncer's member deltas and gates, the planner, the nft script — a few times on throwaway
 * objects (a graph for a node no endpoint names, a syncer on a {@link FakeNft}) right after the
 * agent's first programming; the kernel and the datastore are never touched.
 *
 * <p>Why: the launcher's JVM compiles a method only after it ran many times, so the first real
 * 1,000-CIDR change after a start ran that code interpreted and took 140–200 ms where later ones
 * take 40–90 ms (docs/benchmarks.md, "agent: flow cache ..."). Costs about a second of CPU once,
 * on a background thread, while the agent waits for changes, and then one full collection.
 */
final class DeltaPathWarmUp {

    static final int MEMBERS = 70_000;   // above DataplaneConfig.GATE_MIN_ELEMENTS: the gate code runs too
    static final int CHANGE = 1_000;
    static final int ROUNDS = 6;

    private DeltaPathWarmUp() {
    }

    /** Starts the warm-up on a daemon thread; a failure is logged and changes nothing else. */
    static void start(DataplaneConfig config, AgentLog log) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                run(config);
                // collect the warm-up's garbage (and the first programming's) now, while the agent is
                // idle: otherwise the young collection it leaves pending (50-100 ms with the serial
                // collector and a 1M-element set live) tends to fall into the first real change
                System.gc();
                log.info("delta path warmed up in " + (System.nanoTime() - t0) / 1_000_000 + " ms (throwaway state, no kernel change)");
            } catch (RuntimeException e) {
                log.warn("delta path warm-up failed (nothing else is affected): " + e);
            }
        }, "delta-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** @return the last round's report (a delta of member changes, as a real change makes) */
    static FlushReport run(DataplaneConfig config) {
        Random rnd = new Random(42);
        Deque<String> nets = new ArrayDeque<>();
        while (nets.size() < MEMBERS) {
            nets.add(net(rnd));
        }
        CalculationGraph graph = new CalculationGraph("selvedge-warm-up");
        for (Resource r : resources(nets.getFirst())) {
            graph.onUpdate(r);
        }
        Syncer syncer = new Syncer(new ScriptingFakeNft(), new Renderer(config), 0);
        graph.flush(syncer::apply);
        syncer.flush();
        // the set's members arrive as one big delta (no YAML of 70,000 lines to decode), then change by 1,000
        FlushReport last = change(graph, syncer, 1, List.of(), new ArrayList<>(nets).subList(1, nets.size()));
        for (int round = 2; round <= ROUNDS + 1; round++) {
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (int i = 0; i < CHANGE; i++) {
                removed.add(nets.removeFirst());
                String n = net(rnd);
                added.add(n);
                nets.addLast(n);
            }
            last = change(graph, syncer, round, removed, added);
        }
        return last;
    }

    /** The set's resource version {@code from} becomes {@code from + 1} by a nets delta, into the syncer. */
    private static FlushReport change(CalculationGraph graph, Syncer syncer, int from, List<String> removed, List<String> added) {
        if (!graph.applyNetsDelta(new NetsChange(Kind.GLOBAL_NETWORK_SET, null, "warm-up", Integer.toString(from),
                Integer.toString(from + 1), removed, added))) {
            throw new IllegalStateException("the graph refused the warm-up's nets delta");
        }
        graph.flush(syncer::apply);
        return syncer.flush();
    }

    /** A random IPv4 net in 11.0.0.0-200.255.255.255 (seldom overlapping) of the lengths deny-lists have most. */
    private static String net(Random rnd) {
        int[] lengths = {32, 32, 32, 32, 29, 27, 24, 24, 22};
        int len = lengths[rnd.nextInt(lengths.length)];
        int a = ((11 + rnd.nextInt(190)) << 24 | rnd.nextInt(1 << 24)) & (int) (0xFFFF_FFFFL << (32 - len));
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255) + "/" + len;
    }

    /** A host endpoint of the warm-up node, an untracked policy denying the set, and the set with one net. */
    private static List<Resource> resources(String firstNet) {
        String yaml = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: warm-up-eth0, labels: {warm-up: 'true'}}
                spec: {node: selvedge-warm-up, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: warm-up}
                spec:
                  selector: warm-up == 'true'
                  doNotTrack: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress: [{action: Deny, source: {selector: warm-up-set == 'true'}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: warm-up, resourceVersion: '1', labels: {warm-up-set: 'true'}}
                spec:
                  nets: [NET]
                """.replace("NET", firstNet);
        var result = ResourceCodec.strict().decode("warm-up", yaml);
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException("warm-up resources: " + result.problems());
        }
        return result.resourceList();
    }

    /** A {@link FakeNft} that also renders each transaction's script, as {@code ExecNft} does. */
    private static final class ScriptingFakeNft extends ForwardingNft {
        ScriptingFakeNft() {
            super(new FakeNft());
        }

        @Override
        public void run(Transaction tx) {
            tx.toScript();
            super.run(tx);
        }
    }
}
