package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FlatChain} tests Allow and Deny rules that look an address up in a big set's table
 * last, and only when they could change the chain's result. Chains here are full of such rules
 * (none, one, two, and more than the two that are deferred, in one tier or several, before and
 * after Pass, Log and cheap rules, on either side, negated or not), and {@link
 * FlowEvaluator#decide} with tables for every set of 16 members or more must give the verdict of
 * {@link FlowEvaluator#explain} of an evaluator that looks every set up by binary search, rule by
 * rule in order. The seed is in every message.
 */
class DeferredBigSetRuleTest {
  private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "172.17.0.5", "172.17.1.9", "172.18.0.3",
      "172.18.7.1", "203.0.113.7", "198.51.100.3"};
  private static final String[] BIG_SIDES = {"selector: \"list == 'big1'\"", "selector: \"list == 'big2'\"",
      "notSelector: \"list == 'big1'\"", "selector: \"has(list)\""};
  private static final String[] ACTIONS = {"Allow", "Deny", "Allow", "Deny", "Pass", "Log"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13})
  void deferredRulesGiveTheVerdictOfRuleByRule(long seed) {
    Random rnd = new Random(seed);
    DesiredState state = Scenario.of(state(rnd)).state("node1");
    FlowEvaluator fast = new FlowEvaluator(state, DataplaneSettings.defaults(), 16);
    FlowEvaluator reference = new FlowEvaluator(state, DataplaneSettings.defaults(), Integer.MAX_VALUE);
    int allowed = 0;
    for (int i = 0; i < 1500; i++) {
      String src = ADDRESSES[rnd.nextInt(ADDRESSES.length)];
      String dst = ADDRESSES[rnd.nextInt(ADDRESSES.length)];
      Flow f = switch (rnd.nextInt(3)) {
        case 0 -> Flow.tcp(src, 40000, dst, rnd.nextBoolean() ? 80 : 443);
        case 1 -> Flow.udp(src, 40000, dst, 53);
        default -> Flow.icmp(src, dst, 8, 0);
      };
      NodeTrace t = reference.explain(f);
      assertThat(fast.decide(f)).as("seed %d, %s%n%s", seed, f, Scenario.text(t)).isEqualTo(t.decision());
      allowed += t.decision() == Decision.ALLOW ? 1 : 0;
    }
    assertThat(allowed).as("seed %d: both verdicts occur", seed).isBetween(50, 1450);
  }

  private static String state(Random rnd) {
    StringBuilder y = new StringBuilder(Scenario.PODS);
    // Two big sets (tables at a threshold of 16), overlapping in 172.17.0.0/24.
    y.append(set("big1", "172.17.0.", "172.18.0.")).append(set("big2", "172.17.0.", "172.17.1."));
    for (int t = 0; t < 2; t++) {
      y.append("---\nkind: Tier\nmetadata: {name: t").append(t).append("}\nspec: {order: ").append(10 * t)
          .append(rnd.nextBoolean() ? ", defaultAction: Pass" : "").append("}\n");
    }
    for (int p = 0, n = 2 + rnd.nextInt(6); p < n; p++) {
      String tier = rnd.nextInt(3) == 0 ? "default" : "t" + rnd.nextInt(2);
      y.append("---\nkind: GlobalNetworkPolicy\nmetadata: {name: ").append(tier.equals("default") ? "" : tier + ".")
          .append("p").append(p).append("}\nspec:\n  tier: ").append(tier).append("\n  order: ").append(p)
          .append("\n  selector: ").append(rnd.nextInt(3) == 0 ? "\"app == 'a'\"" : "all()")
          .append("\n  types: [Ingress, Egress]\n  ingress: [").append(rules(rnd)).append("]\n  egress: [")
          .append(rules(rnd)).append("]\n");
    }
    return y.toString();
  }

  /** A GlobalNetworkSet of 40 single addresses, 20 from each of two /24s. */
  private static String set(String name, String first, String second) {
    List<String> nets = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      nets.add(first + i + "/32");
      nets.add(second + i + "/32");
    }
    return "---\nkind: GlobalNetworkSet\nmetadata: {name: " + name + ", labels: {list: " + name
        + "}}\nspec: {nets: [" + String.join(", ", nets) + "]}\n";
  }

  /** Mostly big-set rules, some cheap ones (protocol, port, nets) and rules matching everything. */
  private static String rules(Random rnd) {
    List<String> out = new ArrayList<>();
    for (int i = rnd.nextInt(6); i > 0; i--) {
      List<String> parts = new ArrayList<>();
      parts.add("action: " + ACTIONS[rnd.nextInt(ACTIONS.length)]);
      int kind = rnd.nextInt(10);
      if (kind < 6) {
        parts.add((rnd.nextBoolean() ? "source" : "destination") + ": {" + BIG_SIDES[rnd.nextInt(BIG_SIDES.length)]
            + "}");
        if (rnd.nextInt(3) == 0) {
          parts.add("protocol: TCP");
        }
      } else if (kind < 8) {
        parts.add("protocol: TCP");
        parts.add("destination: {ports: [" + (rnd.nextBoolean() ? 80 : 443) + "]}");
      } else if (kind < 9) {
        parts.add("source: {nets: [172.17.0.0/16]}");
      }
      out.add("{" + String.join(", ", parts) + "}");
    }
    return String.join(", ", out);
  }
}
