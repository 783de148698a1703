package io.selvedge.bench.engine;

import io.selvedge.bench.data.ClusterGenerator;
import io.selvedge.bench.data.ClusterScale;
import io.selvedge.bench.data.SyntheticCluster;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.IpSet;
import io.selvedge.model.Resource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap of the issue 4 cold start, which JMH does not report: a plain main that generates the
 * synthetic cluster, then builds and flushes a {@link CalculationGraph} and prints
 *
 * <ul>
 *   <li>the heap in use after a full GC with only the inputs alive, and again with the graph
 *       (the difference is what the engine retains);
 *   <li>the peak heap while building (sum of the heap pools' peaks since a reset: an upper bound,
 *       since pools peak at different moments);
 *   <li>the CPU time of the whole JVM during the cold start by thread kind (main, JIT compilers,
 *       GC), i.e. what competes with the main thread for the machine's cores;
 *   <li>the wall and CPU time (per input kind, and the first flush), and what the desired state holds (endpoints, policies, IP sets, the block
 *       list's covering members, problems reported).
 * </ul>
 *
 * Run it with {@code -Xmx1g} (the goal) or lower to find the floor:
 * {@code java -Xmx1g -cp benchmarks.jar io.selvedge.bench.engine.ColdStartHeap [localEndpoints]}.
 */
public final class ColdStartHeap {
  private ColdStartHeap() {}

  public static void main(String[] args) {
    int local = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    SyntheticCluster cluster = ClusterGenerator.generate(ClusterScale.issue4(local));
    List<Resource> resources = cluster.all();
    long inputs = usedAfterGc();
    resetPeaks();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, ProcessThreadCpu.Sample> threadCpu0 = ProcessThreadCpu.now();
    long process0 = ProcessThreadCpu.processMillis();
    long t0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    CalculationGraph graph = new CalculationGraph(ClusterGenerator.NODE);
    Map<String, Long> cpuByKind = new LinkedHashMap<>();
    for (Resource r : resources) {
      long c = threads.getCurrentThreadCpuTime();
      graph.onUpdate(r);
      cpuByKind.merge(r.kind().apiName(), threads.getCurrentThreadCpuTime() - c, Long::sum);
    }
    long c = threads.getCurrentThreadCpuTime();
    UpdateCounter counter = new UpdateCounter();
    graph.flush(counter);
    cpuByKind.put("flush", threads.getCurrentThreadCpuTime() - c);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    long cpuMillis = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
    Map<String, Long> threadCpu = ProcessThreadCpu.since(threadCpu0);
    long processCpu = ProcessThreadCpu.processMillis() - process0;
    long peak = peakHeap();
    long withGraph = usedAfterGc();
    DesiredState state = graph.snapshot();
    int blocklist = 0;
    for (IpSet s : state.ipSets().values()) {
      blocklist = Math.max(blocklist, s.size());
    }
    System.out.printf("local endpoints param %d; %d resources; max heap %d MiB%n", local, resources.size(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("cold start %d ms wall, %d ms CPU of this thread (the machine is shared); first flush: %s%n",
        millis, cpuMillis, counter);
    StringBuilder phases = new StringBuilder("CPU ms by input kind:");
    cpuByKind.forEach((k, v) -> phases.append(' ').append(k).append('=').append(v / 1_000_000));
    System.out.println(phases);
    StringBuilder jvm = new StringBuilder("CPU ms of the JVM's threads during the cold start: process=" + processCpu
        + " (ended threads included), of which");
    threadCpu.forEach((k, v) -> jvm.append(' ').append(k).append('=').append(v));
    System.out.println(jvm);
    System.out.printf("state: %d endpoints, %d policies, %d profiles, %d IP sets; largest set %d covering members;"
            + " %d resources with problems%n", state.endpoints().size(), state.policies().size(),
        state.profiles().size(), state.ipSets().size(), blocklist, graph.problems().size());
    graph.problems().entrySet().stream().limit(5).forEach(e -> System.out.println("  problem " + e));
    System.out.printf("heap after GC: inputs only %d MiB, inputs + graph %d MiB (graph retains %d MiB);"
        + " peak while building <= %d MiB%n", inputs >> 20, withGraph >> 20, (withGraph - inputs) >> 20, peak >> 20);
    if (graph.node().isEmpty() || resources.isEmpty()) {
      throw new AssertionError(); // keeps graph and inputs reachable up to the last measurement
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
