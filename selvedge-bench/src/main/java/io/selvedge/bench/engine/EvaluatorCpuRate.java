package io.selvedge.bench.engine;

import io.selvedge.engine.explain.Decision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * {@link EvaluatorBenchmark}'s two paths timed by the calling thread's CPU time as well as wall
 * time: on a shared machine, wall-clock throughput swings several-fold with the other processes,
 * while verdicts per CPU-second of the evaluating thread (what "per core" means) is steadier.
 * Same cluster, same flows. Prints one line per round (2,000,000 verdicts each, after two warm-up
 * rounds): {@code java -cp benchmarks.jar io.selvedge.bench.engine.EvaluatorCpuRate [rounds [cycledFlows]]}
 * ({@link EvaluatorBenchmark#cycledFlows}, default all 65,536).
 */
public final class EvaluatorCpuRate {
  private static final int VERDICTS = 2_000_000;

  private EvaluatorCpuRate() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    EvaluatorBenchmark bench = new EvaluatorBenchmark();
    bench.cycledFlows = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    bench.build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = -2; r < rounds; r++) {
      String decide = round(threads, bench::decide_random_flows_1M_cidr_denylist_100_policies);
      String explain = round(threads, bench::baseline_explain_ruleByRule_same_flows);
      if (r >= 0) {
        System.out.printf("round %d: decide %s | baseline explain %s | load %.2f%n", r, decide, explain,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }
  }

  private static String round(ThreadMXBean threads, Supplier<Decision> verdict) {
    long allowed = 0;
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < VERDICTS; i++) {
      if (verdict.get() == Decision.ALLOW) {
        allowed++;
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    return String.format("%.2f M/CPU-s, %.2f M/s wall (%d allowed)", VERDICTS / cpu / 1e6, VERDICTS / wall / 1e6,
        allowed);
  }
}
