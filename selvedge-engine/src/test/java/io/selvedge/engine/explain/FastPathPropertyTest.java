package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: for any state and flow, {@link FlowEvaluator#decide} (flattened chains, candidate
 * index, hashed hop resolution, {@link Ipv4PrefixTable}s — here for every set of 16 members or
 * more) gives the verdict of {@link FlowEvaluator#explain} (tier by tier, rule by rule) of an
 * evaluator that looks every set up by binary search. Random states from fixed seeds:
 * workloads, a named and sometimes a {@code *} host endpoint, small network sets and one big
 * enough for the table (with /16, /24, /28 and /32 members), tiers, staged and enforced
 * policies with selectors, set references, nets, ports, ICMP and negated criteria, and host
 * policies (doNotTrack, preDNAT, applyOnForward). Random flows: addresses from the state and
 * outside it, every protocol kind, new or established, inferred, local and named interfaces.
 * The seed is in every message.
 */
class FastPathPropertyTest {
  private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.0.1", "192.168.0.2",
      "203.0.113.7", "198.51.100.3", "172.16.5.9", "172.17.0.5", "172.18.3.200", "100.64.1.1", "8.8.8.8"};
  private static final String[] SELECTORS = {"all()", "app == 'a'", "app == 'b'", "app in {'a', 'c'}", "has(app)",
      "!has(app)", "role == 'host'", "list == 'big'", "list == 'small'", "app != 'b'"};
  private static final String[] INTERFACES = {null, null, null, null, Flow.LOCAL, "cali-a", "cali-b", "cali-x", "eth0",
      "eth1"};

  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115})
  void decideAgreesWithExplainOnRandomStatesAndFlows(long seed) {
    Random rnd = new Random(seed);
    DesiredState state = Scenario.of(state(rnd)).state("node1");
    // Fast: tables for every IPv4 set of 16 members or more; reference: binary search only.
    FlowEvaluator fast = new FlowEvaluator(state, DataplaneSettings.defaults(), 16);
    FlowEvaluator reference = new FlowEvaluator(state, DataplaneSettings.defaults(), Integer.MAX_VALUE);
    int allowed = 0;
    for (int i = 0; i < 2000; i++) {
      Flow f = flow(rnd);
      NodeTrace t = reference.explain(f);
      assertThat(fast.decide(f)).as("seed %d, %s%n%s", seed, f, Scenario.text(t)).isEqualTo(t.decision());
      assertThat(fast.explain(f).decision()).as("seed %d, %s", seed, f).isEqualTo(t.decision());
      allowed += t.decision() == Decision.ALLOW ? 1 : 0;
    }
    assertThat(allowed).as("seed %d: both verdicts occur", seed).isBetween(100, 1900);
  }

  private static String state(Random rnd) {
    StringBuilder y = new StringBuilder(Scenario.PODS);
    y.append("""
        ---
        kind: WorkloadEndpoint
        metadata: {name: c, namespace: ns2, labels: {app: c}}
        spec: {node: node1, orchestrator: k8s, interfaceName: cali-c, ipNetworks: [10.0.0.3/32],
               profiles: [allow-all]}
        ---
        kind: WorkloadEndpoint
        metadata: {name: far, namespace: ns1, labels: {app: a}}
        spec: {node: node2, orchestrator: k8s, interfaceName: cali-far, ipNetworks: [172.16.5.9/32]}
        """);
    y.append("---\n").append(Scenario.HOST);
    if (rnd.nextBoolean()) {
      y.append("""
          ---
          kind: HostEndpoint
          metadata: {name: node1-all, labels: {role: host}}
          spec: {node: node1, interfaceName: "*", expectedIPs: [192.168.0.2]}
          """);
    }
    // The big set: whole /16s, /24s, /28s and single addresses, enough members for the table.
    List<String> big = new ArrayList<>();
    big.add("100.64.0.0/16");
    for (int i = 0; i < 256; i++) {
      big.add("172.18." + i + ".0/" + (i % 3 == 0 ? 24 : 28));
    }
    for (int i = 0; i < 4200; i++) {
      big.add("172.17." + (i / 200) + "." + (i % 200) + "/32");
    }
    big.add("203.0.113.7/32");
    y.append("---\nkind: GlobalNetworkSet\nmetadata: {name: big, labels: {list: big}}\nspec: {nets: [")
        .append(String.join(", ", big)).append("]}\n");
    y.append("---\nkind: GlobalNetworkSet\nmetadata: {name: small, labels: {list: small}}\nspec: {nets: [")
        .append(rnd.nextBoolean() ? "198.51.100.0/24, 8.8.8.8/32" : "10.0.0.0/30").append("]}\n");
    for (int t = 0; t < 2; t++) {
      y.append("---\nkind: Tier\nmetadata: {name: t").append(t).append("}\nspec: {order: ").append(10 * t)
          .append(rnd.nextBoolean() ? ", defaultAction: Pass" : "").append("}\n");
    }
    int policies = 4 + rnd.nextInt(20);
    for (int p = 0; p < policies; p++) {
      String tier = rnd.nextInt(3) == 0 ? "default" : "t" + rnd.nextInt(2);
      int hostKind = rnd.nextInt(6);
      String extra = switch (hostKind) {
        case 0 -> "\n  doNotTrack: true\n  applyOnForward: true";
        case 1 -> "\n  preDNAT: true\n  applyOnForward: true";
        case 2 -> "\n  applyOnForward: true";
        default -> "";
      };
      boolean preDnat = hostKind == 1;
      y.append("---\nkind: ").append(rnd.nextInt(8) == 0 ? "StagedGlobalNetworkPolicy" : "GlobalNetworkPolicy")
          .append("\nmetadata: {name: ").append(tier.equals("default") ? "" : tier + ".").append("p").append(p)
          .append("}\nspec:\n  tier: ").append(tier).append("\n  selector: ")
          .append("\"").append(SELECTORS[rnd.nextInt(7)]).append("\"").append(extra)
          .append(rnd.nextInt(3) == 0 ? "" : "\n  order: " + rnd.nextInt(5))
          .append(preDnat ? "\n  types: [Ingress]" : "\n  types: [Ingress, Egress]\n  egress: [" + rules(rnd) + "]")
          .append("\n  ingress: [").append(rules(rnd)).append("]\n");
    }
    return y.toString();
  }

  private static String rules(Random rnd) {
    List<String> out = new ArrayList<>();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      out.add(rule(rnd));
    }
    return String.join(", ", out);
  }

  private static String rule(Random rnd) {
    String[] actions = {"Allow", "Allow", "Deny", "Pass", "Log"};
    List<String> parts = new ArrayList<>();
    parts.add("action: " + actions[rnd.nextInt(actions.length)]);
    int proto = rnd.nextInt(6);
    switch (proto) {
      case 0, 1 -> {
        parts.add("protocol: " + (proto == 0 ? "TCP" : "UDP"));
        if (rnd.nextBoolean()) {
          parts.add("destination: {" + (rnd.nextBoolean() ? "ports: [80, '8000:8100']" : "notPorts: [53]")
              + entity(rnd) + "}");
        }
      }
      case 2 -> {
        parts.add("protocol: ICMP");
        int pick = rnd.nextInt(4);
        if (pick == 1) {
          parts.add("icmp: {type: 8" + (rnd.nextBoolean() ? ", code: 0}" : "}"));
        } else if (pick >= 2) {
          parts.add("notICMP: {type: " + (rnd.nextBoolean() ? 8 : 0) + (rnd.nextBoolean() ? ", code: 1}" : "}"));
        }
      }
      default -> {
        if (rnd.nextInt(3) == 0) {
          parts.add("notProtocol: " + (rnd.nextBoolean() ? "TCP" : "ICMP"));
        }
      }
    }
    if (rnd.nextBoolean()) {
      parts.add("source: {" + entity(rnd).substring(2) + "}");
    }
    return "{" + String.join(", ", parts) + "}";
  }

  /** One source or destination criterion, as ", key: value" (empty side: ", nets: [...]" at least). */
  private static String entity(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> ", nets: [" + (rnd.nextBoolean() ? "10.0.0.0/24" : "203.0.113.0/24, 172.16.0.0/12") + "]";
      case 1 -> ", notNets: [10.0.0.2/32]";
      case 2, 3 -> ", selector: \"" + SELECTORS[rnd.nextInt(SELECTORS.length)] + "\"";
      case 4 -> ", notSelector: \"" + SELECTORS[rnd.nextInt(SELECTORS.length)] + "\"";
      default -> ", nets: [0.0.0.0/0]";
    };
  }

  private static Flow flow(Random rnd) {
    String src = ADDRESSES[rnd.nextInt(ADDRESSES.length)];
    String dst = ADDRESSES[rnd.nextInt(ADDRESSES.length)];
    int kind = rnd.nextInt(5);
    Flow f = switch (kind) {
      case 0, 1 -> Flow.tcp(src, 1024 + rnd.nextInt(60000), dst, new int[] {80, 22, 53, 8050, 9999}[rnd.nextInt(5)]);
      case 2 -> Flow.udp(src, 1024 + rnd.nextInt(60000), dst, new int[] {53, 68, 4789, 8080}[rnd.nextInt(4)]);
      case 3 -> Flow.icmp(src, dst, new int[] {0, 8, 3}[rnd.nextInt(3)], rnd.nextInt(3));
      default -> Flow.of(src, dst, new int[] {4, 47, 132}[rnd.nextInt(3)]);
    };
    if (rnd.nextInt(5) == 0) {
      f = f.withEstablished(true);
    }
    if (rnd.nextInt(3) == 0) {
      f = f.via(INTERFACES[rnd.nextInt(INTERFACES.length)], INTERFACES[rnd.nextInt(INTERFACES.length)]);
    }
    return f;
  }
}
