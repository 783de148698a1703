package io.selvedge.engine;

/**
 * A policy direction. Ingress is traffic to a workload or into the host through a host
 * endpoint; egress is traffic from a workload or out of the host (spec §3.7).
 */
public enum Direction {
  INGRESS,
  EGRESS
}
