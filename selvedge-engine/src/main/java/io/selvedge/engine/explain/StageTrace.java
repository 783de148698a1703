package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.PolicyClass;
import java.util.List;
import java.util.Objects;

/**
 * One stage of a packet's path on a node: an endpoint chain (an endpoint, a direction and a
 * policy class at a hook) or a fixed rule of the path (then {@code endpoint}, {@code direction}
 * and {@code policyClass} are null), with what it did and why.
 *
 * @param endpoint the endpoint whose chain ran, or null for a fixed rule of the path
 * @param direction the endpoint's direction (ingress: into the endpoint), or null
 * @param policyClass the class of policy the chain holds, or null
 */
public record StageTrace(Hook hook, EndpointId endpoint, Direction direction, PolicyClass policyClass,
    StageOutcome outcome, List<TraceEvent> events) {
  public StageTrace {
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(outcome, "outcome");
    events = List.copyOf(events);
  }
}
