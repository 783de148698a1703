package io.selvedge.engine.explain;

import java.util.List;
import java.util.Objects;

/**
 * What one node's dataplane does with a packet: the hops it resolved, the stages the packet went
 * through in order, and the decision (DENY iff a stage denied).
 */
public record NodeTrace(String node, Hop in, Hop out, Decision decision, List<StageTrace> stages) {
  public NodeTrace {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(decision, "decision");
    stages = List.copyOf(stages);
  }

  /** Which netfilter path the packet takes: {@code input}, {@code output}, {@code forward} or {@code local}. */
  public String path() {
    if (in.kind() == Hop.Kind.LOCAL) {
      return out.kind() == Hop.Kind.LOCAL ? "local" : "output";
    }
    return out.kind() == Hop.Kind.LOCAL ? "input" : "forward";
  }
}
