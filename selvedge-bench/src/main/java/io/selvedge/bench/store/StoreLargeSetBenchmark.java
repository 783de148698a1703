package io.selvedge.bench.store;

import io.selvedge.bench.data.CidrFeedGenerator;
import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.Resource;
import io.selvedge.store.StoredForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3, one GlobalNetworkSet of 1,000,000 CIDRs (26 MB of JSON) on SQLite and on a local
 * etcd (stored in chunks there): apply into an empty store (create), apply of a version with one
 * CIDR more to a store holding it (update: the whole resource is rewritten), and get (read and
 * decode).
 *
 * <p>Baselines in the same run: encoding the resource to the stored JSON and decoding it back
 * with the strict codec, without SQLite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StoreLargeSetBenchmark {

  /** {@code sqlite}: a file on local disk; {@code etcd}: one local etcd member (same run, same data). */
  @Param({"sqlite", "etcd"})
  String backend;

  private LocalEtcd etcd;

  private GlobalNetworkSet set;
  private GlobalNetworkSet setPlusOne;
  private String json;

  @Setup(Level.Trial)
  public void generate() {
    etcd = backend.equals("etcd") ? new LocalEtcd() : null;
    set = ClusterGenerator.blocklist(1_000_000);
    List<String> nets = new ArrayList<>(set.spec().nets());
    nets.add(CidrFeedGenerator.outsideAddress(77));
    setPlusOne = new GlobalNetworkSet(set.metadata(), new NetworkSetSpec(nets));
    json = StoredForm.toJson(set);
  }

  @TearDown(Level.Trial)
  public void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  /** A new empty store per invocation. */
  @State(Scope.Thread)
  public static class EmptyStore {
    ScratchStore scratch;

    @Setup(Level.Invocation)
    public void open(StoreLargeSetBenchmark inputs) {
      scratch = ScratchStore.open(inputs.backend, inputs.etcd);
    }

    @TearDown(Level.Invocation)
    public void close() {
      scratch.close();
    }
  }

  /** One store for the trial holding the set; updates alternate between the two versions. */
  @State(Scope.Thread)
  public static class FilledStore {
    ScratchStore scratch;
    boolean plusOne;

    @Setup(Level.Trial)
    public void open(StoreLargeSetBenchmark inputs) {
      scratch = ScratchStore.open(inputs.backend, inputs.etcd);
      scratch.store().apply(inputs.set);
    }

    @TearDown(Level.Trial)
    public void close() {
      scratch.close();
    }
  }

  @Benchmark
  public Resource apply_1M_cidr_globalNetworkSet_into_empty_store(EmptyStore s) {
    return s.scratch.store().apply(set);
  }

  @Benchmark
  public Resource apply_1M_cidr_globalNetworkSet_1_cidr_changed(FilledStore s) {
    s.plusOne = !s.plusOne;
    return s.scratch.store().apply(s.plusOne ? setPlusOne : set);
  }

  @Benchmark
  public Optional<Resource> get_1M_cidr_globalNetworkSet(FilledStore s) {
    return s.scratch.store().get(Kind.GLOBAL_NETWORK_SET, null, "blocklist");
  }

  /** Baseline: encode to the stored JSON, no SQLite. */
  @Benchmark
  public String baseline_encodeJson_1M_cidr_set() {
    return StoredForm.toJson(set);
  }

  /** Baseline: decode the stored JSON with the strict codec, no SQLite. */
  @Benchmark
  public Resource baseline_decodeJson_1M_cidr_set() {
    return StoredForm.fromJson(Kind.GLOBAL_NETWORK_SET, json);
  }
}
