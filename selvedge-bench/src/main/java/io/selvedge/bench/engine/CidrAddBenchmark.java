package io.selvedge.bench.engine;

import io.selvedge.bench.data.CidrFeedGenerator;
import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.bench.data.SyntheticCluster;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.Cidr;
import io.selvedge.engine.DesiredStateUpdate;
import io.selvedge.engine.NetsChange;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Issue 4, one CIDR added to the 1M set: on a graph holding the whole synthetic cluster (100
 * local workloads, flushed), the block list GlobalNetworkSet is updated with one CIDR appended
 * (a host address outside every generated range, so exactly one covering member changes), then
 * updated back; each operation is one whole-resource update and its flush. This is what the
 * agent does when the datastore reports the modified resource. Goal: under 1 ms median.
 *
 * <p>{@code blocklistParts}: 1 is the 1M-CIDR set of issue 4; 100 splits the same CIDRs into
 * 100 GlobalNetworkSets of 10,000 with the same label (same IP set, same policy), and the CIDR is
 * added to one of them — the way to keep a feed's updates cheap.
 *
 * <p>{@code cidrAdd_1_to_1M_cidrs_nets_delta} does the same change as the agent does when the
 * datastore's watch event carries a nets delta: {@link CalculationGraph#applyNetsDelta} with the
 * one CIDR added (then removed), and the flush.
 *
 * <p>Baseline in the same run: parsing the 1M CIDR strings alone, the floor of any update path
 * that re-reads the whole list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class CidrAddBenchmark {

  @Param({"1", "100"})
  int blocklistParts;

  private CalculationGraph graph;
  private GlobalNetworkSet before;
  private GlobalNetworkSet after;
  private List<String> nets;
  private boolean flipped;
  private String added;
  private long version;

  @Setup(Level.Trial)
  public void build() {
    SyntheticCluster cluster = ClusterGenerator.generate(ClusterScale.issue4(100))
        .withBlocklistSplit(blocklistParts);
    graph = new CalculationGraph(ClusterGenerator.NODE);
    for (Resource r : cluster.all()) {
      graph.onUpdate(r);
    }
    graph.flush(u -> { });
    before = cluster.blocklist();
    after = cluster.blocklistPlus(CidrFeedGenerator.outsideAddress(77));
    nets = before.spec().nets();
    UpdateCounter there = new UpdateCounter();
    graph.onUpdate(after);
    graph.flush(there);
    UpdateCounter back = new UpdateCounter();
    graph.onUpdate(before);
    graph.flush(back);
    System.err.println("CIDR add: " + there + "; remove: " + back);

    // The delta path applies on the version the graph holds, as the agent's does.
    added = CidrFeedGenerator.outsideAddress(77);
    graph.onUpdate(before.withMetadata(before.metadata().withStoreFields(null, Long.toString(++version), null, null)));
    graph.flush(u -> { });
    UpdateCounter deltaThere = new UpdateCounter();
    applyDelta(true, deltaThere);
    UpdateCounter deltaBack = new UpdateCounter();
    applyDelta(false, deltaBack);
    System.err.println("nets delta add: " + deltaThere + "; remove: " + deltaBack);
  }

  private void applyDelta(boolean add, Consumer<DesiredStateUpdate> out) {
    List<String> none = List.of();
    NetsChange change = new NetsChange(Kind.GLOBAL_NETWORK_SET, null, before.metadata().name(),
        Long.toString(version), Long.toString(version + 1), add ? none : List.of(added), add ? List.of(added) : none);
    if (!graph.applyNetsDelta(change)) {
      throw new IllegalStateException("nets delta refused: " + change);
    }
    version++;
    graph.flush(out);
  }

  /** Returns the number of desired-state updates the change produced. */
  @Benchmark
  public int cidrAdd_1_to_1M_cidrs_whole_resource_update() {
    flipped = !flipped;
    graph.onUpdate(flipped ? after : before);
    int[] updates = {0};
    graph.flush(u -> updates[0]++);
    return updates[0];
  }

  /** The same change as a nets delta (what the agent applies from a SQLite watch event). */
  @Benchmark
  public int cidrAdd_1_to_1M_cidrs_nets_delta() {
    flipped = !flipped;
    int[] updates = {0};
    applyDelta(flipped, u -> updates[0]++);
    return updates[0];
  }

  /** Baseline: parse the updated set's CIDR strings (1M, or 10k when split), nothing else. */
  @Benchmark
  public long baseline_parseOnly_1M_cidrs() {
    long sum = 0;
    for (String s : nets) {
      sum += Cidr.parse(s).hi();
    }
    return sum;
  }
}
