package io.selvedge.engine.explain;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "what happens to this flow": the decision, and per node involved what its
 * dataplane did (the source endpoint's node first). ALLOW iff every node allows it.
 *
 * @param notes facts about the flow that are not part of any node's path (which endpoints the
 *     addresses belong to, problems in the resources)
 */
public record Verdict(Decision decision, Flow flow, List<NodeTrace> nodes, List<String> notes) {
  public Verdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(flow, "flow");
    nodes = List.copyOf(nodes);
    notes = List.copyOf(notes);
  }

  /** Combines node traces: ALLOW iff all allow (and trivially when there are none). */
  public static Verdict of(Flow flow, List<NodeTrace> nodes, List<String> notes) {
    Decision d = Decision.ALLOW;
    for (NodeTrace n : nodes) {
      if (n.decision() == Decision.DENY) {
        d = Decision.DENY;
      }
    }
    return new Verdict(d, flow, nodes, notes);
  }
}
