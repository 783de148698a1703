package io.selvedge.bench.data;

import io.selvedge.model.HostEndpoint;
import io.selvedge.model.HostEndpointSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import io.selvedge.model.WorkloadEndpointSpec.WorkloadEndpointPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Endpoints of a synthetic cluster: one HostEndpoint per node ({@code eth0}, an address in
 * 172.20.0.0/16, labels {@code node-role}, {@code host-endpoint}) and workloads for the rest,
 * spread over namespaces and nodes. Workload {@code i} has address 192.168.x.y/32 (30% also an
 * IPv6 fd00:10::/64 address), labels {@code app}, {@code role}, {@code env}, {@code team},
 * {@code version}, {@code pod-template-hash} (5% also {@code debug}), its namespace and
 * service-account profiles, and named ports {@code http} (frontends, backends) and
 * {@code metrics} (half). The first {@code localEndpoints} workloads are on
 * {@link ClusterGenerator#NODE}. Stateless.
 */
final class EndpointGenerator {
  private EndpointGenerator() {}

  static List<Resource> generate(ClusterScale scale, SplittableRandom rnd) {
    int nodes = scale.nodes();
    int workloads = scale.endpoints() - nodes;
    List<Resource> out = new ArrayList<>(scale.endpoints());
    for (int i = 0; i < workloads; i++) {
      String node = i < scale.localEndpoints() || nodes == 1 ? ClusterGenerator.NODE
          : String.format("node-%03d", 1 + i % (nodes - 1));
      out.add(workload(i, node, rnd));
    }
    for (int n = 0; n < nodes; n++) {
      out.add(host(n));
    }
    return out;
  }

  private static WorkloadEndpoint workload(int i, String node, SplittableRandom rnd) {
    int ns = i % ClusterGenerator.NAMESPACES;
    int k = rnd.nextInt(ClusterGenerator.APPS_PER_NAMESPACE);
    int app = ClusterGenerator.app(ns, k);
    String namespace = ClusterGenerator.namespace(ns);
    String name = "pod-" + i;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", ClusterGenerator.appName(app));
    labels.put("role", ClusterGenerator.ROLES[app % 4]);
    labels.put("env", ClusterGenerator.env(ns));
    labels.put("team", "team-" + (ns % 20));
    labels.put("version", "v" + (1 + rnd.nextInt(3)));
    labels.put("pod-template-hash", Long.toHexString(rnd.nextLong() & 0xFFFF_FFFFFFL));
    if (rnd.nextInt(20) == 0) {
      labels.put("debug", "true");
    }
    List<String> ips = new ArrayList<>(2);
    ips.add("192.168." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF) + "/32");
    if (rnd.nextInt(10) < 3) {
      ips.add("fd00:10::" + Integer.toHexString(i + 1) + "/128");
    }
    List<WorkloadEndpointPort> ports = new ArrayList<>(2);
    if (app % 4 < 2) {
      ports.add(new WorkloadEndpointPort("http", Protocol.TCP, 8080, 0, null));
    }
    if (rnd.nextBoolean()) {
      ports.add(new WorkloadEndpointPort("metrics", Protocol.TCP, 9090, 0, null));
    }
    String sa = "sa-" + k;
    ObjectMeta meta = new ObjectMeta(name, namespace, null, null, null, null, labels, null);
    return new WorkloadEndpoint(meta, new WorkloadEndpointSpec("k8s", null, node, null, name, "eth0", sa, ips, null,
        null, null, List.of("kns." + namespace, "ksa." + namespace + "." + sa), "cali" + Integer.toHexString(0x10000 + i),
        null, ports, null, null));
  }

  private static HostEndpoint host(int n) {
    String node = String.format("node-%03d", n);
    Map<String, String> labels = Map.of("node-role", n % 10 == 0 ? "master" : "worker", "host-endpoint", "true");
    ObjectMeta meta = new ObjectMeta(node + "-eth0", null, null, null, null, null, labels, null);
    return new HostEndpoint(meta, new HostEndpointSpec(node, "eth0",
        List.of("172.20." + (n >>> 8) + "." + (n & 0xFF)), null, null));
  }
}
