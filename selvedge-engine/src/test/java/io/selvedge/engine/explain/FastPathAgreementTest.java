package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The untraced path (flattened, indexed chains) must decide exactly as the traced path (tier by
 * tier): random tiers, policies, rules and flows from fixed seeds; the seed is in every message.
 */
class FastPathAgreementTest {
  private static final String[] ACTIONS = {"Allow", "Deny", "Pass", "Log"};
  private static final String[] PROTOCOLS = {"", "protocol: TCP, ", "protocol: UDP, ", "protocol: ICMP, "};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void decideAgreesWithExplain(long seed) {
    Random rnd = new Random(seed);
    StringBuilder y = new StringBuilder(Scenario.PODS);
    for (int t = 0; t < 3; t++) {
      y.append("---\nkind: Tier\nmetadata: {name: t").append(t).append("}\nspec: {order: ").append(10 * t)
          .append(rnd.nextBoolean() ? ", defaultAction: Pass" : "").append("}\n");
    }
    int policies = 5 + rnd.nextInt(30);
    for (int p = 0; p < policies; p++) {
      String tier = rnd.nextInt(4) == 0 ? "default" : "t" + rnd.nextInt(3);
      y.append("---\nkind: ").append(rnd.nextInt(6) == 0 ? "StagedGlobalNetworkPolicy" : "GlobalNetworkPolicy")
          .append("\nmetadata: {name: ").append(tier.equals("default") ? "" : tier + ".").append("p").append(p)
          .append("}\nspec:\n  tier: ").append(tier).append("\n  selector: ")
          .append(rnd.nextBoolean() ? "all()" : "app == '" + (rnd.nextBoolean() ? "a" : "b") + "'")
          .append(rnd.nextInt(3) == 0 ? "" : "\n  order: " + rnd.nextInt(5))
          .append("\n  types: [Ingress, Egress]\n  ingress: [").append(rules(rnd)).append("]\n  egress: [")
          .append(rules(rnd)).append("]\n");
    }
    FlowEvaluator ev = Scenario.of(y.toString()).evaluator("node1");
    String[] addresses = {"10.0.0.1", "10.0.0.2", "203.0.113.7", "198.51.100.3"};
    int[] protocols = {Flow.TCP, Flow.UDP, Flow.ICMP, 112};
    for (int i = 0; i < 300; i++) {
      String src = addresses[rnd.nextInt(addresses.length)];
      String dst = addresses[rnd.nextInt(addresses.length)];
      if (src.equals(dst)) {
        continue;
      }
      int proto = protocols[rnd.nextInt(protocols.length)];
      Flow f = Flow.of(src, dst, proto);
      if (proto == Flow.TCP || proto == Flow.UDP) {
        f = f.withPorts(rnd.nextInt(3) == 0 ? 53 : 40000, 75 + rnd.nextInt(12));
      } else if (proto == Flow.ICMP) {
        f = f.withIcmp(rnd.nextBoolean() ? 8 : 0, 0);
      }
      NodeTrace t = ev.explain(f);
      assertThat(ev.decide(f)).as("seed %d, %s%n%s", seed, f, Scenario.text(t)).isEqualTo(t.decision());
    }
  }

  private static String rules(Random rnd) {
    StringBuilder b = new StringBuilder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      String proto = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
      b.append("{action: ").append(ACTIONS[rnd.nextInt(ACTIONS.length)]).append(", ").append(proto);
      if (!proto.isEmpty() && !proto.contains("ICMP") && rnd.nextBoolean()) {
        int lo = 75 + rnd.nextInt(10);
        b.append("destination: {ports: [").append(lo).append(rnd.nextBoolean() ? ", \"" + (lo + 1) + ":"
            + (lo + 1 + rnd.nextInt(4)) + "\"" : "").append("]}, ");
      } else if (proto.contains("ICMP") && rnd.nextBoolean()) {
        b.append("icmp: {type: 8}, ");
      }
      if (rnd.nextInt(3) == 0) {
        b.append("source: {nets: [").append(rnd.nextBoolean() ? "10.0.0.0/24" : "203.0.113.0/24").append("]}, ");
      } else if (rnd.nextInt(4) == 0) {
        b.append("source: {selector: app == 'a'}, ");
      }
      b.setLength(b.length() - 2);
      b.append("}");
    }
    return b.toString();
  }
}
