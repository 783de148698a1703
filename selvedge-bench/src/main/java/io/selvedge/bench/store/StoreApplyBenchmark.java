package io.selvedge.bench.store;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.StoredForm;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 3, apply of 10,000 small resources in one batch ({@code Datastore.applyAll}: one SQLite
 * transaction; on etcd as few transactions as its limits allow): the synthetic cluster's
 * endpoints (9,900 WorkloadEndpoints, 100 HostEndpoints, 735 bytes of JSON on average), into an empty
 * store (all created) and again into a store that already holds them (all unchanged: read,
 * compared, nothing written), on SQLite and on a local etcd. Each invocation gets an empty store
 * (new SQLite file, or the etcd wiped); preparing it is not timed.
 *
 * <p>Baselines in the same run (each fork): the same JSON written as 10,000 rows of a plain SQLite
 * table in one durable transaction ({@link RawSqliteTable}), and encoding the 10,000 resources
 * to JSON alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StoreApplyBenchmark {

  /** {@code sqlite}: a file on local disk; {@code etcd}: one local etcd member (same run, same data). */
  @Param({"sqlite", "etcd"})
  String backend;

  private LocalEtcd etcd;

  private List<Resource> resources;
  private List<String> keys;
  private List<String> jsons;

  @Setup(Level.Trial)
  public void generate() {
    etcd = backend.equals("etcd") ? new LocalEtcd() : null;
    resources = ClusterGenerator.generate(new ClusterScale(10_000, 100, 1, 1, 1)).endpoints();
    keys = new ArrayList<>();
    jsons = new ArrayList<>();
    for (Resource r : resources) {
      keys.add(r.kind().apiName() + "/" + r.metadata().namespace() + "/" + r.metadata().name());
      jsons.add(StoredForm.toJson(r));
    }
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
    public void open(StoreApplyBenchmark inputs) {
      scratch = ScratchStore.open(inputs.backend, inputs.etcd);
    }

    @TearDown(Level.Invocation)
    public void close() {
      scratch.close();
    }
  }

  /** A new store per invocation that already holds the 10,000 resources. */
  @State(Scope.Thread)
  public static class FilledStore {
    ScratchStore scratch;

    @Setup(Level.Invocation)
    public void open(StoreApplyBenchmark inputs) {
      scratch = ScratchStore.open(inputs.backend, inputs.etcd);
      scratch.store().applyAll(inputs.resources, ProgressListener.NONE);
    }

    @TearDown(Level.Invocation)
    public void close() {
      scratch.close();
    }
  }

  /** A new plain table per invocation. */
  @State(Scope.Thread)
  public static class RawTable {
    RawSqliteTable table;

    @Setup(Level.Invocation)
    public void open() {
      table = new RawSqliteTable();
    }

    @TearDown(Level.Invocation)
    public void close() {
      table.close();
    }
  }

  @Benchmark
  public BatchResult apply_10k_small_resources_into_empty_store(EmptyStore s) {
    return s.scratch.store().applyAll(resources, ProgressListener.NONE);
  }

  @Benchmark
  public BatchResult apply_10k_small_resources_all_unchanged(FilledStore s) {
    return s.scratch.store().applyAll(resources, ProgressListener.NONE);
  }

  /** Baseline: the same JSON into a plain table, one durable transaction. */
  @Benchmark
  public RawSqliteTable baseline_rawJdbcInsert_10k_rows(RawTable t) {
    t.table.write(keys, jsons);
    return t.table;
  }

  /** Baseline: encode the 10,000 resources as the store does, nothing else. */
  @Benchmark
  public long baseline_encodeJson_10k_resources() {
    long n = 0;
    for (Resource r : resources) {
      n += StoredForm.toJson(r).length();
    }
    return n;
  }
}
