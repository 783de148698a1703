package io.selvedge.bench.data;

/**
 * How big a synthetic cluster is.
 *
 * @param endpoints workload and host endpoints of the whole cluster (one host endpoint per node,
 *     the rest workloads)
 * @param localEndpoints how many workloads are on the benchmarked node ({@link ClusterGenerator#NODE}),
 *     capped at the number of workloads; the node's host endpoint comes on top. A Kubernetes node
 *     holds at most ~110 pods, so 100 is the realistic case and {@code endpoints} the worst case
 * @param policies NetworkPolicies and GlobalNetworkPolicies together
 * @param networkSets NetworkSets and GlobalNetworkSets together, the block list included
 * @param blocklistCidrs size of the one big GlobalNetworkSet ({@code feed == 'blocklist'})
 */
public record ClusterScale(int endpoints, int localEndpoints, int policies, int networkSets, int blocklistCidrs) {

  /** Nodes in the cluster: 100 endpoints per node, as a busy Kubernetes cluster has. */
  public int nodes() {
    return Math.max(1, endpoints / 100);
  }

  public ClusterScale {
    if (localEndpoints > endpoints || policies < 1 || networkSets < 1 || endpoints < 1) {
      throw new IllegalArgumentException("bad scale " + endpoints + "/" + localEndpoints + "/" + policies
          + "/" + networkSets);
    }
  }

  /** Issue 4's scale with {@code local} endpoints on the benchmarked node. */
  public static ClusterScale issue4(int local) {
    return new ClusterScale(10_000, local, 1_000, 1_000, 1_000_000);
  }
}
