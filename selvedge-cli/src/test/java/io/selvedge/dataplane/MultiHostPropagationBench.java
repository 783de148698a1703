package io.selvedge.dataplane;

import io.selvedge.dataplane.MultiHostCluster.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test): write-to-enforced latency of small GlobalNetworkSet changes on three
 * hosts, each with its own agent, on one 3-member etcd cluster ({@link MultiHostCluster}, the
 * resources of {@link MultiHostResources}).
 *
 * <p>Each change replaces the one address of GlobalNetworkSet {@code bench-set} (labelled
 * {@code ip-deny-list}, so it feeds the deny rule every host programs) with a new one, written by
 * a client in the lan namespace. "Enforced" on a host is when {@code nft monitor} in its namespace
 * reports the kernel committed {@code add element} of the new address ({@link KernelMonitor}):
 * no polling. Latency = enforced − the moment the client sent the write (both wall clock on this
 * machine). The baseline in the same run is the write alone (sent → etcd answered). Changes are
 * spaced by PAUSE_MS so each is a separate small change, not a burst.
 *
 * <pre>
 * sudo java -cp CLASSPATH io.selvedge.dataplane.MultiHostPropagationBench [CHANGES [PAUSE_MS]]
 * </pre>
 * (see {@code selvedge-cli/bench/multihost-bench.sh}).
 */
public final class MultiHostPropagationBench {

    private MultiHostPropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int warmup = 20;
        System.out.println("load before: " + load());
        try (MultiHostCluster c = MultiHostCluster.start(3, 1)) {
            c.store.apply(MultiHostResources.RESOURCES + "---\n" + MultiHostResources.denyList() + "---\n" + benchSet(0));
            c.startAgents();
            for (Host h : c.hosts) {
                h.agent.awaitLog("nft: replaced table", 0, 120);
            }
            List<KernelMonitor> monitors = new ArrayList<>();
            for (Host h : c.hosts) {
                monitors.add(KernelMonitor.in(h.ns()));
            }
            double[][] latency = new double[c.hosts.size()][changes];
            double[] commit = new double[changes];
            int missed = 0;
            for (int k = 1; k <= warmup + changes; k++) {
                NamespacedStore.Write w = c.store.apply(benchSet(k));
                for (int i = 0; i < c.hosts.size(); i++) {
                    long at = monitors.get(i).await(KernelMonitor.added(address(k)), 10_000);
                    if (at < 0) {
                        missed++;
                        System.out.println("change " + k + " not seen on " + c.hosts.get(i).node + " within 10 s");
                    }
                    if (k > warmup) {
                        latency[i][k - warmup - 1] = at < 0 ? Double.POSITIVE_INFINITY : (at - w.sentMicros()) / 1000.0;
                    }
                    monitors.get(i).clear();
                }
                if (k > warmup) {
                    commit[k - warmup - 1] = (w.committedMicros() - w.sentMicros()) / 1000.0;
                }
                Thread.sleep(pauseMs);
            }
            monitors.forEach(KernelMonitor::close);
            System.out.printf("%d changes (after %d warm-up), %d ms apart; load after: %s%n", changes, warmup, pauseMs, load());
            System.out.println("| measure | p50 | p90 | p99 | max |");
            System.out.println("|---|---|---|---|---|");
            row("write only (sent -> etcd answered), baseline", commit);
            for (int i = 0; i < c.hosts.size(); i++) {
                row(c.hosts.get(i).node + ": write sent -> kernel holds it", latency[i]);
            }
            double[] all = Arrays.stream(latency).flatMapToDouble(Arrays::stream).toArray();
            row("all hosts", all);
            System.out.println("missed: " + missed);
        }
    }

    static String address(int k) {
        return "10.200." + (k / 250) + "." + (k % 250 + 1);
    }

    static String benchSet(int k) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: bench-set, labels: {ip-deny-list: 'true'}}
                spec: {nets: [%s/32]}
                """.formatted(address(k));
    }

    private static void row(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("| %s | %s | %s | %s | %s |%n", what, fmt(pct(s, 50)), fmt(pct(s, 90)), fmt(pct(s, 99)), fmt(s[s.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fmt(double ms) {
        return Double.isInfinite(ms) ? "missed" : String.format("%.0f ms", ms);
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
