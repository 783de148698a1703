package io.selvedge.bench.engine;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.bench.data.SyntheticCluster;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import java.util.LinkedHashMap;
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
 * Issue 4, one label change: on a graph holding the whole synthetic cluster (flushed), one local
 * workload's {@code app} and {@code role} labels flip between two apps of its namespace — which
 * changes the policies that select it and its membership in the rule selectors' IP sets — and the
 * graph is flushed; each operation is one change and its deltas. Goal: under 1 ms median
 * (sample mode gives the percentiles).
 *
 * <p>Baseline in the same run: a label-index-free scan of the 1,000 policy selectors against the
 * changed endpoint's labels — the least a naive engine does per label change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class LabelChangeBenchmark {

  @Param({"100", "10000"})
  int localEndpoints;

  private CalculationGraph graph;
  private WorkloadEndpoint before;
  private WorkloadEndpoint after;
  private Map<String, String> afterLabels;
  private NaiveSelectorScan naive;
  private boolean flipped;

  @Setup(Level.Trial)
  public void build() {
    SyntheticCluster cluster = ClusterGenerator.generate(ClusterScale.issue4(localEndpoints));
    graph = new CalculationGraph(ClusterGenerator.NODE);
    for (Resource r : cluster.all()) {
      graph.onUpdate(r);
    }
    graph.flush(u -> { });
    before = cluster.localWorkload(0);
    after = relabelled(before);
    afterLabels = NaiveSelectorScan.labels(after);
    naive = new NaiveSelectorScan(cluster.policies());
    UpdateCounter there = new UpdateCounter();
    graph.onUpdate(after);
    graph.flush(there);
    UpdateCounter back = new UpdateCounter();
    graph.onUpdate(before);
    graph.flush(back);
    System.err.println("label change: " + there + "; back: " + back);
  }

  /** The same workload moved to the next app of its namespace. */
  static WorkloadEndpoint relabelled(WorkloadEndpoint w) {
    Map<String, String> labels = new LinkedHashMap<>(w.metadata().labels());
    int app = Integer.parseInt(labels.get("app").substring(4));
    int next = app - app % 4 + (app + 1) % 4;
    labels.put("app", String.format("app-%03d", next));
    labels.put("role", new String[] {"frontend", "backend", "db", "cache"}[next % 4]);
    return new WorkloadEndpoint(w.metadata().withLabels(labels), w.spec());
  }

  /** Returns the number of desired-state updates the change produced. */
  @Benchmark
  public int labelChange_1_endpoint_of_10k_endpoints_1k_policies() {
    flipped = !flipped;
    graph.onUpdate(flipped ? after : before);
    int[] updates = {0};
    graph.flush(u -> updates[0]++);
    return updates[0];
  }

  /** Baseline: every policy selector against the changed labels, no index. */
  @Benchmark
  public int baseline_naiveSelectorScan_1k_policies_1_endpoint() {
    return naive.matching(after.metadata().namespace(), afterLabels);
  }
}
