package io.selvedge.engine.explain;

/**
 * Where in the packet path a stage runs (spec §4.4): the nftables base chain (table layer and
 * netfilter hook) that jumps to the endpoint chain.
 */
public enum Hook {
  /** Untracked (doNotTrack) ingress policy of host endpoints; RPF check of workload packets. */
  RAW_PREROUTING("raw prerouting"),
  /** Untracked egress policy of host endpoints, for packets sent by the host. */
  RAW_OUTPUT("raw output"),
  /** preDNAT policy of host endpoints. */
  MANGLE_PREROUTING("mangle prerouting"),
  /** Packets to the host: host endpoint ingress policy, or workload egress policy (workload to host). */
  FILTER_INPUT("filter input"),
  /** Routed packets: workload policy both ways, applyOnForward policy of host endpoints. */
  FILTER_FORWARD("filter forward"),
  /** Packets sent by the host: host endpoint egress policy. */
  FILTER_OUTPUT("filter output");

  private final String text;

  Hook(String text) {
    this.text = text;
  }

  /** Human text, e.g. {@code filter forward}. */
  public String text() {
    return text;
  }
}
