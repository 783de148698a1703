package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.EndpointId;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which endpoint of the cluster owns an address, and on which node it lives: workload endpoints
 * by {@code ipNetworks}, host endpoints by {@code expectedIPs}, each on its {@code spec.node}.
 * Workload endpoints the engine treats as absent (no addresses, spoofing allowed) are left out;
 * unparseable addresses are skipped. When several endpoints claim one address, workloads win over
 * host endpoints, then the smallest ID. Immutable and thread-safe.
 */
final class EndpointDirectory {

  /** An endpoint and its node. */
  record Located(EndpointId id, String node) {}

  private final AddressIndex<Located> index;

  EndpointDirectory(List<? extends Resource> resources) {
    List<Located> order = new ArrayList<>();
    List<List<Cidr>> addresses = new ArrayList<>();
    for (Resource r : resources) {
      if (r instanceof WorkloadEndpoint w && w.spec().allowSpoofedSourcePrefixes().isEmpty() && w.spec().node() != null) {
        order.add(new Located(EndpointId.workload(nz(w.metadata().namespace()), w.metadata().name()), w.spec().node()));
        addresses.add(parse(w.spec().ipNetworks()));
      } else if (r instanceof HostEndpoint h && h.spec().node() != null) {
        order.add(new Located(EndpointId.host(h.metadata().name()), h.spec().node()));
        addresses.add(parse(h.spec().expectedIPs()));
      }
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      idx.add(i);
    }
    idx.sort(Comparator.comparing(i -> order.get(i).id()));
    AddressIndex.Builder<Located> b = new AddressIndex.Builder<>();
    for (int i : idx) {
      for (Cidr c : addresses.get(i)) {
        b.add(c, order.get(i)); // host prefixes only: an ipNetwork wider than one address is not indexed
      }
    }
    index = b.build();
  }

  /** The endpoint owning the address, or null for an address outside the cluster's endpoints. */
  Located find(Cidr address) {
    return index.get(address);
  }

  private static List<Cidr> parse(List<String> texts) {
    List<Cidr> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(Cidr.parse(t));
      } catch (IllegalArgumentException e) {
        // Skipped, as the engine skips it.
      }
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
