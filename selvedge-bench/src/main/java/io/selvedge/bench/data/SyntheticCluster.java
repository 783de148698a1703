package io.selvedge.bench.data;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated cluster: every resource a node's calculation graph would see, grouped by kind.
 * {@code networkSets} includes {@code blocklist}; {@code endpoints} lists the benchmarked node's
 * workloads first ({@link #localWorkload}). Lists are immutable.
 */
public record SyntheticCluster(
    ClusterScale scale,
    List<Resource> tiers,
    List<Resource> profiles,
    List<Resource> networkSets,
    GlobalNetworkSet blocklist,
    List<Resource> policies,
    List<Resource> endpoints) {

  public SyntheticCluster {
    tiers = List.copyOf(tiers);
    profiles = List.copyOf(profiles);
    networkSets = List.copyOf(networkSets);
    policies = List.copyOf(policies);
    endpoints = List.copyOf(endpoints);
  }

  /** Everything, in the order a datastore snapshot delivers it (by kind, dependencies first). */
  public List<Resource> all() {
    List<Resource> out = new ArrayList<>(size());
    out.addAll(tiers);
    out.addAll(profiles);
    out.addAll(networkSets);
    out.addAll(policies);
    out.addAll(endpoints);
    return out;
  }

  public int size() {
    return tiers.size() + profiles.size() + networkSets.size() + policies.size() + endpoints.size();
  }

  /** The block list with {@code cidr} appended (a new resource; the 1M list is copied). */
  public GlobalNetworkSet blocklistPlus(String cidr) {
    List<String> nets = new ArrayList<>(blocklist.spec().nets().size() + 1);
    nets.addAll(blocklist.spec().nets());
    nets.add(cidr);
    return new GlobalNetworkSet(blocklist.metadata(), new NetworkSetSpec(nets));
  }

  /**
   * The same cluster with the block list split into {@code parts} GlobalNetworkSets
   * {@code blocklist-NNN} of equal size and the same label, which the same policy selects;
   * {@link #blocklist} is then part 0. With 1 part, this cluster.
   */
  public SyntheticCluster withBlocklistSplit(int parts) {
    if (parts == 1) {
      return this;
    }
    List<String> nets = blocklist.spec().nets();
    List<Resource> sets = new ArrayList<>(networkSets);
    sets.remove(blocklist);
    GlobalNetworkSet first = null;
    for (int p = 0; p < parts; p++) {
      List<String> slice = nets.subList(p * nets.size() / parts, (p + 1) * nets.size() / parts);
      ObjectMeta meta = new ObjectMeta(String.format("blocklist-%03d", p), null, null, null, null, null,
          blocklist.metadata().labels(), null);
      GlobalNetworkSet part = new GlobalNetworkSet(meta, new NetworkSetSpec(slice));
      first = first == null ? part : first;
      sets.add(part);
    }
    return new SyntheticCluster(scale, tiers, profiles, sets, first, policies, endpoints);
  }

  /** The {@code i}-th workload of the benchmarked node ({@code i < scale.localEndpoints()}). */
  public WorkloadEndpoint localWorkload(int i) {
    WorkloadEndpoint w = (WorkloadEndpoint) endpoints.get(i);
    if (!ClusterGenerator.NODE.equals(w.spec().node())) {
      throw new IllegalArgumentException("endpoint " + i + " is not local");
    }
    return w;
  }
}
