package io.selvedge.engine;

/**
 * Where a policy is enforced for a host endpoint (spec §4.2, §4.4): untracked (raw, before
 * conntrack), preDNAT (mangle prerouting, ingress only), normal (filter input/output), forward
 * (filter forward; applyOnForward policies). Workload endpoints use NORMAL only.
 */
public enum PolicyClass {
  UNTRACKED,
  PRE_DNAT,
  NORMAL,
  FORWARD
}
