package io.selvedge.dataplane;

import io.selvedge.engine.CalculationGraph;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.nft.ExecNft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): the big deny-list through the engine and the syncer into real
 * nft. Loads the guide's ip-protect policies and a GlobalNetworkSet of V4FILE's first 1,000,000
 * lines plus V6FILE (from {@code bench/gen-cidrs.py}) in one flush (engine + render + nft), then
 * applies 1,000-CIDR changes (500 removed, 500 of V4FILE's held-back lines added, and back) and
 * prints the time of each step.
 *
 * <pre>
 * sudo java -Xmx6g -cp CLASSPATH io.selvedge.dataplane.SyncerBench NETNS V4FILE V6FILE [ROUNDS]
 * </pre>
 * in an existing network namespace (created and deleted by the caller).
 */
public final class SyncerBench {

    private SyncerBench() {
    }

    public static void main(String[] args) throws Exception {
        String netns = args[0];
        List<String> v4 = Files.readAllLines(Path.of(args[1]));
        List<String> v6 = Files.readAllLines(Path.of(args[2]));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<String> loaded = new ArrayList<>(v4.subList(0, 1_000_000));
        List<String> held = new ArrayList<>(v4.subList(1_000_000, 1_000_500));
        List<String> base = new ArrayList<>(loaded);
        base.addAll(v6);

        CalculationGraph graph = new CalculationGraph("node1");
        States.decode(States.guideExamples() + GuideIT.IT_ENDPOINTS).forEach(graph::onUpdate);
        Syncer syncer = new Syncer(ExecNft.inNamespace(netns), new Renderer(DataplaneConfig.defaults()));
        syncer.setInterfaces(InterfaceInventory.of(Map.of("eth0", List.of("198.51.100.1/24"))));
        System.gc();

        long t0 = System.nanoTime();
        graph.onUpdate(gns(base));
        long t1 = System.nanoTime();
        graph.flush(syncer::apply);
        long t2 = System.nanoTime();
        FlushReport load = syncer.flush();
        long t3 = System.nanoTime();
        if (System.getProperty("script") != null) {
            // the same load as one script file, to time `nft -f FILE` alone
            try (var w = Files.newBufferedWriter(Path.of(System.getProperty("script")))) {
                Renderer.replaceTable(syncer.programmed().orElseThrow()).render(w);
            }
        }
        System.out.printf("load %d IPv4 + %d IPv6 CIDRs: engine update %d ms, engine flush %d ms, syncer %d ms (render %d ms, nft %d ms);"
                        + " total %d ms%n  %s%n", loaded.size(), v6.size(), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), load.render().toMillis(),
                load.nft().toMillis(), ms(t3 - t0), load);

        Random rnd = new Random(7);
        List<String> current = base;
        for (int r = 0; r < rounds; r++) {
            List<String> next = new ArrayList<>(current);
            if (r % 2 == 0) {
                Collections.shuffle(next.subList(0, loaded.size()), rnd);
                List<String> removed = new ArrayList<>(next.subList(0, 500));
                next.subList(0, 500).clear();
                next.addAll(held);
                held = removed;
            } else {
                List<String> tail = new ArrayList<>(current.subList(current.size() - 500, current.size()));
                next.subList(next.size() - 500, next.size()).clear();
                next.addAll(held);
                held = tail;
            }
            long a = System.nanoTime();
            graph.onUpdate(gns(next));
            long b = System.nanoTime();
            graph.flush(syncer::apply);
            long c = System.nanoTime();
            FlushReport delta = syncer.flush();
            long d = System.nanoTime();
            System.out.printf("1k change #%d: engine update %d ms, engine flush %d ms, syncer %d ms (render %d ms, nft %d ms); total %d ms%n  %s%n",
                    r + 1, ms(b - a), ms(c - b), ms(d - c), delta.render().toMillis(), delta.nft().toMillis(), ms(d - a), delta);
            current = next;
        }
    }

    private static GlobalNetworkSet gns(List<String> nets) {
        return new GlobalNetworkSet(new ObjectMeta("ip-protect", null, null, null, null, null, Map.of("ip-deny-list", "true"), null),
                new NetworkSetSpec(nets));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
