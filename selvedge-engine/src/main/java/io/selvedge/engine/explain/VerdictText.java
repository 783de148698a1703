package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.RuleAction;
import java.util.Locale;

/**
 * Prints a {@link Verdict} for a person: the decision alone on the first line, the flow and what
 * its addresses are, then per node the path it takes and each stage with the tiers, policies and
 * rules consulted (matching rules as YAML), indented.
 *
 * <pre>
 * DENY
 * flow: TCP 10.1.0.12:49152 -&gt; 10.1.0.26:80 (new)
 * source 10.1.0.12 is wep kube-system/a on node node1
 * destination 10.1.0.26 is wep kube-system/b on node node1
 * node node1, forward: in cali1 (wep kube-system/a), out cali2 (wep kube-system/b): DENY
 *   filter forward, wep kube-system/b ingress: denied
 *     tier default
 *       np/kube-system/p: ingress[1] Deny
 *         action: Deny
 *         source:
 *           selector: has(k8s-app)
 * </pre>
 *
 * Stateless.
 */
public final class VerdictText {
  private VerdictText() {}

  public static String format(Verdict v) {
    StringBuilder b = new StringBuilder();
    b.append(v.decision()).append('\n');
    b.append("flow: ").append(v.flow()).append('\n');
    for (String n : v.notes()) {
      b.append(n).append('\n');
    }
    for (NodeTrace n : v.nodes()) {
      node(n, b);
    }
    return b.toString();
  }

  private static void node(NodeTrace n, StringBuilder b) {
    b.append("node ").append(n.node()).append(", ").append(n.path()).append(": in ").append(n.in().describe())
        .append(", out ").append(n.out().describe()).append(": ").append(n.decision()).append('\n');
    for (StageTrace s : n.stages()) {
      stage(s, b);
    }
  }

  private static void stage(StageTrace s, StringBuilder b) {
    indent(b, 1).append(s.hook().text());
    if (s.endpoint() != null) {
      b.append(", ").append(s.endpoint());
      if (s.direction() != null) {
        b.append(' ').append(lower(s.direction()));
      }
      if (s.policyClass() != null && s.policyClass() != PolicyClass.NORMAL) {
        b.append(" (").append(className(s.policyClass())).append(')');
      }
    }
    b.append(": ").append(outcome(s.outcome())).append('\n');
    String tier = null;
    for (TraceEvent e : s.events()) {
      String t = tierOf(e);
      if (t != null && !t.equals(tier)) {
        indent(b, 2).append(t.isEmpty() ? "profiles" : "tier " + t).append('\n');
        tier = t;
      }
      event(e, t == null ? 2 : 3, b);
    }
  }

  private static String tierOf(TraceEvent e) {
    if (e instanceof TraceEvent.RuleHit r) {
      return r.tier();
    }
    if (e instanceof TraceEvent.NoRuleHit r) {
      return r.tier();
    }
    if (e instanceof TraceEvent.MissingProfile) {
      return "";
    }
    return null;
  }

  private static void event(TraceEvent e, int depth, StringBuilder b) {
    if (e instanceof TraceEvent.RuleHit r) {
      indent(b, depth).append(r.staged() ? "staged " : "").append(r.owner()).append(": ")
          .append(lower(r.direction())).append('[').append(r.index()).append("] ").append(actionText(r.action()));
      if (r.staged()) {
        b.append(" (would have; staged policies are not enforced)");
      } else if (r.action() == RuleAction.LOG) {
        b.append(" (logged; evaluation goes on)");
      } else if (r.action() == RuleAction.PASS) {
        b.append(r.tier().isEmpty() ? " (ends this profile)" : " (skips to the next tier)");
      }
      if (r.httpIgnored()) {
        b.append(" (its http match is not enforced by the dataplane)");
      }
      b.append('\n');
      for (String line : RuleText.yaml(r.rule()).split("\n")) {
        indent(b, depth + 1).append(line).append('\n');
      }
    } else if (e instanceof TraceEvent.NoRuleHit r) {
      indent(b, depth).append(r.staged() ? "staged " : "").append(r.owner())
          .append(r.staged() ? ": no rule would match" : ": no rule matched").append('\n');
    } else if (e instanceof TraceEvent.TierEnd t) {
      indent(b, depth).append("end of tier ").append(t.tier())
          .append(t.drops() ? ": Deny (no policy decided)" : ": Pass, on to the next tier").append('\n');
    } else if (e instanceof TraceEvent.MissingProfile m) {
      indent(b, depth).append(m.profile()).append(": does not exist, so Calico denies in its place").append('\n');
    } else if (e instanceof TraceEvent.NoProfileMatched) {
      indent(b, depth).append("no tier or profile allowed it: dropped").append('\n');
    } else if (e instanceof TraceEvent.Established) {
      indent(b, depth).append("established connection: accepted by conntrack").append('\n');
    } else if (e instanceof TraceEvent.FailsafeHit f) {
      indent(b, depth).append(f.inbound() ? "inbound" : "outbound").append(" failsafe port ").append(f.port())
          .append(f.bySourcePort() ? " (reply, by source port)" : "").append(": accepted before any policy")
          .append('\n');
    } else if (e instanceof TraceEvent.Note n) {
      indent(b, depth).append(n.remark().text()).append('\n');
    }
  }

  static String actionText(RuleAction a) {
    return switch (a) {
      case ALLOW -> "Allow";
      case DENY -> "Deny";
      case PASS -> "Pass";
      case LOG -> "Log";
    };
  }

  static String className(PolicyClass c) {
    return switch (c) {
      case UNTRACKED -> "untracked policy";
      case PRE_DNAT -> "preDNAT policy";
      case NORMAL -> "policy";
      case FORWARD -> "applyOnForward policy";
    };
  }

  private static String outcome(StageOutcome o) {
    return switch (o) {
      case ALLOWED -> "allowed";
      case DENIED -> "denied";
      case NO_VERDICT -> "no verdict, goes on";
    };
  }

  private static String lower(Direction d) {
    return d.name().toLowerCase(Locale.ROOT);
  }

  private static StringBuilder indent(StringBuilder b, int depth) {
    return b.append("  ".repeat(depth));
  }
}
