package io.selvedge.engine.explain;

/**
 * Felix's {@code DefaultEndpointToHostAction}: what happens to traffic from a workload to its
 * own host after the workload's egress policy allowed it (spec §3.8, G16). Host endpoint policy
 * never applies to it. {@code DROP} is Felix's default; {@code RETURN} hands the packet back to
 * the rest of the host's INPUT chain (Selvedge owns no other rules there, so it is accepted);
 * {@code ACCEPT} accepts it.
 */
public enum EndpointToHostAction {
  DROP,
  RETURN,
  ACCEPT
}
