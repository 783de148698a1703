package io.selvedge.bench.data;

import io.selvedge.model.Action;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Policies of a synthetic cluster, mixing what real clusters hold:
 *
 * <ul>
 *   <li>policy 0, {@code security.blocklist}: a GlobalNetworkPolicy in tier {@code security} for
 *       {@code all()} that denies traffic from and to {@code feed == 'blocklist'} (the 1M-CIDR set);
 *   <li>one in five: GlobalNetworkPolicies in tiers {@code security} / {@code platform} with
 *       selectors over env, role, team, namespace and {@code has()}/{@code in}/{@code !}; rules
 *       allowing partner network sets on port 443 and a port range, denying literal nets, passing
 *       to the next tier; every 20th is a host-endpoint policy (preDNAT, doNotTrack or
 *       applyOnForward);
 *   <li>the rest: NetworkPolicies in the default tier selecting an app of their namespace, with
 *       ingress from another app on numeric and named ports, metrics scraping from another
 *       namespace, partner NetworkSets, and egress to databases, DNS and literal nets.
 * </ul>
 *
 * Not thread-safe (one random source).
 */
final class PolicyGenerator {
  private static final List<PolicyType> BOTH = List.of(PolicyType.Ingress, PolicyType.Egress);
  private final SplittableRandom rnd;
  private int namespaced;

  PolicyGenerator(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  List<Resource> generate(int count) {
    List<Resource> out = new ArrayList<>(count);
    out.add(blocklistPolicy());
    for (int i = 1; i < count; i++) {
      out.add(i % 5 == 0 ? global(i) : namespaced(i));
    }
    return out;
  }

  private static Resource blocklistPolicy() {
    String feed = "feed == 'blocklist'";
    PolicySpec spec = new PolicySpec(null, "security", 1d,
        List.of(Rules.rule(Action.Deny, null, Rules.selector(feed, null, null), null), Rules.pass()),
        List.of(Rules.rule(Action.Deny, null, null, Rules.selector(feed, null, null)), Rules.pass()),
        "all()", BOTH, false, false, false, null, null, null);
    return new GlobalNetworkPolicy(ObjectMeta.named("security.blocklist"), spec);
  }

  private Resource global(int i) {
    String tier = i % 10 == 0 ? "platform" : "security";
    String name = tier + ".gnp-" + i;
    if (i % 100 == 0) {
      return hostPolicy(name, tier, i);
    }
    String selector = switch (rnd.nextInt(7)) {
      case 0 -> "env == '" + ClusterGenerator.ENVS[rnd.nextInt(3)] + "'";
      case 1 -> "role == '" + ClusterGenerator.ROLES[rnd.nextInt(4)] + "' && has(app)";
      case 2 -> "team in {'team-" + rnd.nextInt(20) + "', 'team-" + rnd.nextInt(20) + "'}";
      case 3 -> "!has(debug) && env != 'dev'";
      case 4 -> "projectcalico.org/namespace == '" + ClusterGenerator.namespace(rnd.nextInt(50)) + "'";
      case 5 -> "app == '" + ClusterGenerator.appName(rnd.nextInt(200)) + "'";
      default -> "has(version) && version != 'v1'";
    };
    List<Rule> ingress = List.of(
        Rules.rule(Action.Allow, Protocol.TCP,
            Rules.selector("role == 'partner-" + rnd.nextInt(NetworkSetGenerator.PARTNERS) + "'", null, null),
            Rules.ports(List.of(Port.of(443), Port.range(8000, 8100)))),
        Rules.rule(Action.Deny, null, Rules.nets(List.of(net(), net()), null), null),
        Rules.pass());
    List<Rule> egress = List.of(
        Rules.rule(Action.Deny, null, null,
            Rules.selector("feed == 'minor-" + rnd.nextInt(NetworkSetGenerator.MINOR_FEEDS) + "'", null, null)),
        Rules.rule(Action.Allow, Protocol.TCP, null, Rules.nets(List.of(net()), List.of(Port.of(443)))),
        Rules.pass());
    return new GlobalNetworkPolicy(ObjectMeta.named(name),
        new PolicySpec(null, tier, (double) (10 + rnd.nextInt(900)), ingress, egress, selector, BOTH, false, false,
            false, null, null, null));
  }

  private Resource hostPolicy(String name, String tier, int i) {
    String selector = "host-endpoint == 'true' && node-role == '" + (i % 200 == 0 ? "worker" : "master") + "'";
    boolean preDnat = (i / 100) % 3 == 0;
    boolean untracked = (i / 100) % 3 == 1;
    List<Rule> ingress = List.of(
        Rules.rule(Action.Allow, Protocol.TCP, Rules.nets(List.of("172.20.0.0/16"), null),
            Rules.ports(List.of(Port.of(22), Port.of(6443)))),
        Rules.rule(Action.Deny, null, Rules.selector("feed == 'minor-" + rnd.nextInt(20) + "'", null, null), null));
    List<Rule> egress = preDnat ? List.of() : List.of(Rules.allowAll());
    List<PolicyType> types = preDnat ? List.of(PolicyType.Ingress) : BOTH;
    return new GlobalNetworkPolicy(ObjectMeta.named(name), new PolicySpec(null, tier, (double) i, ingress, egress,
        selector, types, untracked, preDnat, true, null, null, null));
  }

  private Resource namespaced(int i) {
    int ns = namespaced++ % ClusterGenerator.NAMESPACES; // every namespace gets its share
    String namespace = ClusterGenerator.namespace(ns);
    int app = ClusterGenerator.app(ns, rnd.nextInt(4));
    String selector = switch (rnd.nextInt(4)) {
      case 0, 1 -> "app == '" + ClusterGenerator.appName(app) + "'";
      case 2 -> "role == '" + ClusterGenerator.ROLES[rnd.nextInt(4)] + "'";
      default -> "has(app) && version in {'v2', 'v3'}";
    };
    String peer = ClusterGenerator.appName(ClusterGenerator.app(ns, rnd.nextInt(4)));
    int otherNs = rnd.nextInt(ClusterGenerator.NAMESPACES);
    List<Rule> ingress = List.of(
        Rules.rule(Action.Allow, Protocol.TCP, Rules.selector("app == '" + peer + "'", null, null),
            Rules.ports(List.of(Port.of(80), Port.of(8080), Port.named("http")))),
        Rules.rule(Action.Allow, Protocol.TCP,
            Rules.selector("app == '" + ClusterGenerator.appName(ClusterGenerator.app(otherNs, 0)) + "'",
                "projectcalico.org/name == '" + ClusterGenerator.namespace(otherNs) + "'", null),
            Rules.ports(List.of(Port.named("metrics")))),
        Rules.rule(Action.Allow, null,
            Rules.selector("role == 'partner-" + rnd.nextInt(NetworkSetGenerator.PARTNERS) + "'", null, null), null));
    List<Rule> egress = List.of(
        Rules.rule(Action.Allow, Protocol.TCP, null, Rules.selector("role == 'db'", null, List.of(Port.of(5432)))),
        Rules.rule(Action.Allow, Protocol.UDP, null,
            Rules.selector("app == 'app-000'", "projectcalico.org/name == 'ns-00'", List.of(Port.of(53)))),
        Rules.rule(Action.Allow, null, null, Rules.nets(List.of("198.51.100.0/24", net()), null)),
        Rules.rule(Action.Deny, null, null, Rules.notNets(List.of("192.168.0.0/16"))));
    return new NetworkPolicy(new ObjectMeta("np-" + i, namespace, null, null, null, null, null, null),
        new PolicySpec(null, null, (double) (100 + i % 10), ingress, egress, selector, BOTH, false, false, false, null,
            null, null));
  }

  /** A random /16–/28 in 172.16.0.0/12 (what partner sets hold). */
  private String net() {
    int len = 16 + rnd.nextInt(13);
    long addr = (0xAC10_0000L | (rnd.nextLong() & 0x000F_FFFFL)) & ((0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL);
    return (addr >>> 24) + "." + ((addr >>> 16) & 0xFF) + "." + ((addr >>> 8) & 0xFF) + "." + (addr & 0xFF) + "/" + len;
  }
}
