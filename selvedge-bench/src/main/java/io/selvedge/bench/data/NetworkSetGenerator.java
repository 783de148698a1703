package io.selvedge.bench.data;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Network sets of a synthetic cluster. Small ones alternate between a namespaced NetworkSet
 * {@code partners-J} ({@code role: partner-K}) and a GlobalNetworkSet {@code feed-J}
 * ({@code feed: minor-K} or {@code role: partner-K}), each with 1–20 CIDRs from 172.16.0.0/12
 * (/24–/32) and sometimes an IPv6 2001:db8::/32 /48. The block list is one GlobalNetworkSet
 * {@code blocklist} ({@code feed: blocklist}) from {@link CidrFeedGenerator}. Not thread-safe
 * (one random source).
 */
final class NetworkSetGenerator {
  /** Distinct {@code role: partner-K} values; policies pick K in the same range. */
  static final int PARTNERS = 50;
  /** Distinct {@code feed: minor-K} values. */
  static final int MINOR_FEEDS = 20;

  private final SplittableRandom rnd;

  NetworkSetGenerator(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  List<Resource> small(int count) {
    List<Resource> out = new ArrayList<>(count + 1);
    for (int j = 0; j < count; j++) {
      List<String> nets = new ArrayList<>();
      int n = 1 + rnd.nextInt(20);
      for (int c = 0; c < n; c++) {
        int len = 24 + rnd.nextInt(9);
        long addr = 0xAC10_0000L | (rnd.nextLong() & 0x000F_FFFFL);
        addr &= (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        nets.add((addr >>> 24) + "." + ((addr >>> 16) & 0xFF) + "." + ((addr >>> 8) & 0xFF) + "." + (addr & 0xFF)
            + "/" + len);
      }
      if (rnd.nextInt(4) == 0) {
        nets.add("2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::/48");
      }
      if (j % 2 == 0) {
        ObjectMeta meta = new ObjectMeta("partners-" + j, ClusterGenerator.namespace(j / 2), null, null, null, null,
            Map.of("role", "partner-" + rnd.nextInt(PARTNERS)), null);
        out.add(new NetworkSet(meta, new NetworkSetSpec(nets)));
      } else {
        Map<String, String> labels = rnd.nextBoolean() ? Map.of("feed", "minor-" + rnd.nextInt(MINOR_FEEDS))
            : Map.of("role", "partner-" + rnd.nextInt(PARTNERS));
        ObjectMeta meta = new ObjectMeta("feed-" + j, null, null, null, null, null, labels, null);
        out.add(new GlobalNetworkSet(meta, new NetworkSetSpec(nets)));
      }
    }
    return out;
  }

  GlobalNetworkSet blocklist(int cidrs, long seed) {
    return blocklist(CidrFeedGenerator.ipv4(cidrs, seed));
  }

  /** The block list resource with the given nets (for versions with one CIDR more). */
  static GlobalNetworkSet blocklist(List<String> nets) {
    ObjectMeta meta = new ObjectMeta("blocklist", null, null, null, null, null, Map.of("feed", "blocklist"), null);
    return new GlobalNetworkSet(meta, new NetworkSetSpec(nets));
  }
}
