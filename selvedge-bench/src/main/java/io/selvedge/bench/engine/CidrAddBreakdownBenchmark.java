package io.selvedge.bench.engine;

import io.selvedge.bench.data.CidrFeedGenerator;
import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.index.IpSetIndex;
import io.selvedge.engine.index.PackedCidrs;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of {@link CidrAddBenchmark} goes, step by step, on the 1M-CIDR block list alone
 * (no cluster around it):
 *
 * <ul>
 *   <li>{@code pack}: parse the 1M strings and sort them into {@link PackedCidrs}, as the graph
 *       does for every network-set update;
 *   <li>{@code ipSetIndexUpdate}: given both versions already packed, the engine's own work —
 *       compare, linear-merge diff, trie update of one active selector set, drain the delta;
 *   <li>{@code stringDiff}: the cheapest way to find the change from the strings, without
 *       parsing: common prefix and suffix of the old list and a freshly decoded new one (distinct
 *       String objects, as a watch delivers them) by {@code equals}.
 * </ul>
 *
 * Baseline in the same run: parsing the 1M strings alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class CidrAddBreakdownBenchmark {
  private static final String ITEM = "blocklist";

  private List<String> nets;
  private List<String> decodedPlus;
  private PackedCidrs before;
  private PackedCidrs after;
  private IpSetIndex<String> index;
  private String setId;
  private boolean flipped;

  @Setup(Level.Trial)
  public void build() throws SelectorParseException {
    nets = CidrFeedGenerator.ipv4(1_000_000, ClusterGenerator.SEED);
    decodedPlus = new ArrayList<>(nets.size() + 1);
    for (String s : nets) {
      decodedPlus.add(new String(s.toCharArray()));
    }
    decodedPlus.add(CidrFeedGenerator.outsideAddress(77));
    before = pack(nets);
    after = pack(decodedPlus);
    index = new IpSetIndex<>();
    Selector selector = Selector.parse("feed == 'blocklist'");
    setId = selector.uniqueId();
    index.updateItem(ITEM, Map.of("feed", "blocklist"), List.of(), before, List.of());
    index.activateSelectorSet(selector);
    index.startDelta(setId, IpFamily.V4);
  }

  private static PackedCidrs pack(List<String> texts) {
    PackedCidrs.Builder b = new PackedCidrs.Builder();
    for (String s : texts) {
      b.add(Cidr.parse(s));
    }
    return b.build();
  }

  @Benchmark
  public PackedCidrs pack_1M_cidrs() {
    return pack(decodedPlus);
  }

  /** Returns the delta size (1). */
  @Benchmark
  public int ipSetIndexUpdate_1M_set_1_delta_prepacked() {
    flipped = !flipped;
    index.updateItem(ITEM, Map.of("feed", "blocklist"), List.of(), flipped ? after : before, List.of());
    List<Cidr> removed = new ArrayList<>();
    List<Cidr> added = new ArrayList<>();
    index.drainDelta(setId, IpFamily.V4, removed, added);
    return removed.size() + added.size();
  }

  /** Returns the length of the changed middle (1). */
  @Benchmark
  public int stringDiff_1M_decoded_strings_prefix_suffix() {
    int n = nets.size();
    int m = decodedPlus.size();
    int prefix = 0;
    while (prefix < n && prefix < m && nets.get(prefix).equals(decodedPlus.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && nets.get(n - 1 - suffix).equals(decodedPlus.get(m - 1 - suffix))) {
      suffix++;
    }
    return m - prefix - suffix;
  }

  /** Baseline: parse the 1M CIDR strings, nothing else. */
  @Benchmark
  public long baseline_parseOnly_1M_cidrs() {
    long sum = 0;
    for (String s : decodedPlus) {
      sum += Cidr.parse(s).hi();
    }
    return sum;
  }
}
