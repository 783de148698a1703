package io.selvedge.bench.engine;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.bench.data.SyntheticCluster;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.Cidr;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4, cold start: a new {@link CalculationGraph} for {@link ClusterGenerator#NODE} fed the
 * whole synthetic cluster (10,000 endpoints, 1,000 policies, 1,000 network sets, one of them
 * 1,000,000 CIDRs that policy {@code security.blocklist} references), then flushed: the time to
 * the complete first desired state. Goal: under 3 s and 1 GB of heap (the fork runs with
 * {@code -Xmx1g}; {@link ColdStartHeap} reports the heap itself).
 *
 * <p>{@code localEndpoints}: 100 workloads on this node (a realistic Kubernetes node) or all of
 * them (worst case). Baselines measured in the same run: parsing the 1M CIDR strings alone (a
 * floor for any engine that reads the set), and a label-index-free scan of every policy selector
 * against every local endpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class ColdStartBenchmark {

  @Param({"100", "10000"})
  int localEndpoints;

  private List<Resource> resources;
  private List<String> blocklistNets;
  private NaiveSelectorScan naive;
  private List<WorkloadEndpoint> local;

  @Setup(Level.Trial)
  public void generate() {
    SyntheticCluster cluster = ClusterGenerator.generate(ClusterScale.issue4(localEndpoints));
    resources = cluster.all();
    blocklistNets = cluster.blocklist().spec().nets();
    naive = new NaiveSelectorScan(cluster.policies());
    local = new ArrayList<>();
    for (Resource r : cluster.endpoints()) {
      if (r instanceof WorkloadEndpoint w && ClusterGenerator.NODE.equals(w.spec().node())) {
        local.add(w);
      }
    }
  }

  /** Returns the number of desired-state updates of the first flush. */
  @Benchmark
  public int coldStart_10k_endpoints_1k_policies_1k_sets_1M_cidrs() {
    CalculationGraph graph = new CalculationGraph(ClusterGenerator.NODE);
    for (Resource r : resources) {
      graph.onUpdate(r);
    }
    int[] updates = {0};
    graph.flush(u -> updates[0]++);
    return updates[0];
  }

  /** Baseline: parse the block list's 1M CIDR strings, nothing else. */
  @Benchmark
  public long baseline_parseOnly_1M_cidrs() {
    long sum = 0;
    for (String s : blocklistNets) {
      sum += Cidr.parse(s).hi();
    }
    return sum;
  }

  /** Baseline: every policy selector against every local endpoint, no index. */
  @Benchmark
  public long baseline_naiveSelectorScan_1k_policies_x_local_endpoints() {
    long n = 0;
    for (WorkloadEndpoint w : local) {
      Map<String, String> labels = NaiveSelectorScan.labels(w);
      n += naive.matching(w.metadata().namespace(), labels);
    }
    return n;
  }
}
