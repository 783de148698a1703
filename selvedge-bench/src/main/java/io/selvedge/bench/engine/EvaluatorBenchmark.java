package io.selvedge.bench.engine;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.bench.data.SyntheticCluster;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.Decision;
import io.selvedge.engine.explain.Flow;
import io.selvedge.engine.explain.FlowEvaluator;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4, flow evaluator: verdicts per second on one thread (one core) for random flows on
 * {@link ClusterGenerator#NODE} of a synthetic cluster with the 1M-CIDR block list and 100
 * policies (the block-list policy, 19 GlobalNetworkPolicies, 80 NetworkPolicies; 10,000
 * endpoints, 100 of them local). {@link FlowEvaluator#decide} is the hot path (flattened,
 * indexed chains, no trace). Goal: at least 5 million verdicts per second per core.
 *
 * <p>Flows (65,536, fixed seed, cycled): half towards a local workload, half from one; the peer
 * is a block-list address (25%), a workload of another node, a partner network-set address or a
 * random IPv4 address; TCP 70% (ports 80, 443, 8080, 5432, 9090 or random), UDP 20%, ICMP 10%.
 *
 * <p>Baseline in the same run: {@link FlowEvaluator#explain} on the same flows — the traced path,
 * which walks tiers, policies and rules one by one (a linear scan of the rules) and records why.
 * The setup checks that both give the same verdicts on every flow and prints the verdict mix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Threads(1)
public class EvaluatorBenchmark {
  private static final int FLOWS = 1 << 16;

  /**
   * How many of the flows are cycled (a power of two up to 65,536): fewer flows fit in the CPU
   * caches, so comparing 65,536 with 1,024 separates memory stalls from computation.
   */
  @Param({"65536"})
  public int cycledFlows;

  private FlowEvaluator evaluator;
  private Flow[] flows;
  private int mask;
  private int next;

  @Setup(Level.Trial)
  public void build() {
    int cycled = cycledFlows == 0 ? FLOWS : cycledFlows;
    if (Integer.bitCount(cycled) != 1 || cycled > FLOWS) {
      throw new IllegalArgumentException("cycledFlows must be a power of two up to " + FLOWS + ": " + cycled);
    }
    mask = cycled - 1;
    SyntheticCluster cluster = ClusterGenerator.generate(new ClusterScale(10_000, 100, 100, 1_000, 1_000_000));
    CalculationGraph graph = new CalculationGraph(ClusterGenerator.NODE);
    for (Resource r : cluster.all()) {
      graph.onUpdate(r);
    }
    evaluator = new FlowEvaluator(graph.snapshot(), DataplaneSettings.defaults());
    flows = randomFlows(cluster, new SplittableRandom(ClusterGenerator.SEED));
    Map<Decision, Integer> mix = new EnumMap<>(Decision.class);
    for (Flow f : flows) {
      Decision d = evaluator.decide(f);
      if (d != evaluator.explain(f).decision()) {
        throw new IllegalStateException("decide and explain disagree on " + f);
      }
      mix.merge(d, 1, Integer::sum);
    }
    System.err.println("evaluator: " + FLOWS + " flows, verdicts " + mix);
    // Collect the set-up's garbage before measuring, so that every fork sees the flows laid out
    // alike: otherwise a fork runs at ~4.2 or ~5.5 M/s depending on whether a collection happened
    // to move the 65,536 flows next to each other (decide allocates nothing, so nothing moves them
    // later; docs/benchmarks.md, "Engine: evaluator, fourth pass").
    System.gc();
  }

  private static Flow[] randomFlows(SyntheticCluster cluster, SplittableRandom rnd) {
    List<String> local = new ArrayList<>();
    List<String> remote = new ArrayList<>();
    for (Resource r : cluster.endpoints()) {
      if (r instanceof WorkloadEndpoint w) {
        String ip = address(w.spec().ipNetworks().get(0));
        (ClusterGenerator.NODE.equals(w.spec().node()) ? local : remote).add(ip);
      }
    }
    List<String> blocked = cluster.blocklist().spec().nets();
    int[] ports = {80, 443, 8080, 5432, 9090};
    Flow[] out = new Flow[FLOWS];
    for (int i = 0; i < FLOWS; i++) {
      String mine = local.get(rnd.nextInt(local.size()));
      String peer = switch (rnd.nextInt(4)) {
        case 0 -> address(blocked.get(rnd.nextInt(blocked.size())));
        case 1 -> remote.get(rnd.nextInt(remote.size()));
        case 2 -> "172." + (16 + rnd.nextInt(16)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        default -> (1 + rnd.nextInt(223)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
      };
      boolean inbound = rnd.nextBoolean();
      String src = inbound ? peer : mine;
      String dst = inbound ? mine : peer;
      int p = rnd.nextInt(10);
      int port = rnd.nextBoolean() ? ports[rnd.nextInt(ports.length)] : 1 + rnd.nextInt(65535);
      out[i] = p < 7 ? Flow.tcp(src, 1024 + rnd.nextInt(60000), dst, port)
          : p < 9 ? Flow.udp(src, 1024 + rnd.nextInt(60000), dst, rnd.nextBoolean() ? 53 : port)
          : Flow.icmp(src, dst, 8, 0);
    }
    return out;
  }

  private static String address(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  @Benchmark
  public Decision decide_random_flows_1M_cidr_denylist_100_policies() {
    return evaluator.decide(flows[next++ & mask]);
  }

  /** Baseline: the traced, rule-by-rule path on the same flows. */
  @Benchmark
  public Decision baseline_explain_ruleByRule_same_flows() {
    return evaluator.explain(flows[next++ & mask]).decision();
  }
}
