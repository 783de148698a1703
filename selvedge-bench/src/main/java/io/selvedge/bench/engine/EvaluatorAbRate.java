package io.selvedge.bench.engine;

import io.selvedge.engine.explain.Decision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares {@link EvaluatorBenchmark}'s {@code decide} path of several builds in one JVM, round
 * by round: each benchmarks jar gets its own class loader (its engine, its cluster, the same
 * flows), and short rounds of each alternate, so every build sees the same minutes of a shared
 * machine's load. Separate JVMs run minutes apart, and on this VM the spread between them is as
 * large as the effects measured. Reports per build the verdicts per CPU-second of the rounds
 * (median, quartiles, max) and per round the ratio to the first build.
 *
 * <pre>
 * java -Xmx4g -Xms4g -cp benchmarks.jar io.selvedge.bench.engine.EvaluatorAbRate \
 *     CYCLED SECONDS VERDICTS_PER_ROUND base.jar new.jar
 * </pre>
 *
 * The loader of a jar also sees this class's own jar, for {@link Driver} when the other build
 * predates it (the benchmark's API must be the same). The first build loaded ran about 10%
 * faster than an identical second one (an A/A run), so run both orders and compare the ratios.
 */
public final class EvaluatorAbRate {
  private static final int WARM_ROUNDS = 10;

  private EvaluatorAbRate() {}

  /** Runs rounds of one build's benchmark; loaded once per build. */
  public static final class Driver {
    private final EvaluatorBenchmark bench = new EvaluatorBenchmark();

    public Driver(int cycledFlows) {
      bench.cycledFlows = cycledFlows;
      bench.build();
    }

    /** {@code n} verdicts; returns how many allowed (so that nothing is optimised away). */
    public int decide(int n) {
      int allowed = 0;
      for (int i = 0; i < n; i++) {
        allowed += bench.decide_random_flows_1M_cidr_denylist_100_policies() == Decision.ALLOW ? 1 : 0;
      }
      return allowed;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: EvaluatorAbRate CYCLED SECONDS VERDICTS_PER_ROUND JAR...");
      System.exit(2);
    }
    int cycled = Integer.parseInt(args[0]);
    long seconds = Long.parseLong(args[1]);
    int verdicts = Integer.parseInt(args[2]);
    int builds = args.length - 3;
    URL own = EvaluatorAbRate.class.getProtectionDomain().getCodeSource().getLocation();
    Object[] drivers = new Object[builds];
    Method[] decide = new Method[builds];
    for (int b = 0; b < builds; b++) {
      URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[3 + b]).toUri().toURL(), own},
          ClassLoader.getPlatformClassLoader());
      Class<?> c = loader.loadClass(Driver.class.getName());
      drivers[b] = c.getConstructor(int.class).newInstance(cycled);
      decide[b] = c.getMethod("decide", int.class);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<double[]> rounds = new ArrayList<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int r = 0; System.nanoTime() < end; r++) {
      double[] rates = new double[builds];
      for (int i = 0; i < builds; i++) {
        int b = (r + i) % builds; // who goes first rotates
        long cpu = threads.getCurrentThreadCpuTime();
        decide[b].invoke(drivers[b], verdicts);
        rates[b] = verdicts / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9) / 1e6;
      }
      if (r >= WARM_ROUNDS) {
        rounds.add(rates);
      }
    }
    System.out.printf("%d rounds of %d verdicts per build (%d cycled flows), load %.2f%n", rounds.size(), verdicts,
        cycled, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    for (int b = 0; b < builds; b++) {
      int build = b;
      double[] rate = rounds.stream().mapToDouble(x -> x[build]).sorted().toArray();
      double[] ratio = rounds.stream().mapToDouble(x -> x[build] / x[0]).sorted().toArray();
      System.out.printf("%-24s verdicts per CPU-second: median %.2f M (quartiles %.2f-%.2f, max %.2f)",
          Path.of(args[3 + b]).getFileName(), q(rate, 0.5), q(rate, 0.25), q(rate, 0.75), rate[rate.length - 1]);
      System.out.printf(b == 0 ? "%n" : ", ratio to the first: median %.2f (quartiles %.2f-%.2f)%n", q(ratio, 0.5),
          q(ratio, 0.25), q(ratio, 0.75));
    }
  }

  private static double q(double[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))];
  }
}
