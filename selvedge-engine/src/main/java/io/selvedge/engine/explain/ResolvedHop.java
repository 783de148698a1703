package io.selvedge.engine.explain;

import io.selvedge.engine.PolicyClass;

/**
 * A hop resolved against a node's state: the kind, the interface name (null when inferred and
 * unknown) and the endpoint that owns the interface: the workload endpoint of a workload
 * interface (null if none: "Unknown interface"), or the host endpoint that claims a host
 * interface by name or expected IP (null: only a {@code *} host endpoint can apply). Knows which
 * host endpoint's chains each table dispatches to (spec §4.1, §4.9).
 */
record ResolvedHop(Hop.Kind kind, String interfaceName, CompiledEndpoint endpoint, boolean inferred) {

  boolean isLocal() {
    return kind == Hop.Kind.LOCAL;
  }

  boolean isWorkload() {
    return kind == Hop.Kind.WORKLOAD;
  }

  /**
   * The host endpoint whose untracked chain the raw table runs: only host endpoints with
   * untracked policy are dispatched there, and never the {@code *} one.
   */
  CompiledEndpoint untrackedHost() {
    return kind == Hop.Kind.HOST && endpoint != null && endpoint.hasClass(PolicyClass.UNTRACKED) ? endpoint : null;
  }

  /**
   * The host endpoint whose preDNAT chain mangle prerouting runs: the interface's own if it has
   * preDNAT policy, else the {@code *} one if that has preDNAT policy. Mangle prerouting does not
   * skip workload interfaces, so a {@code *} host endpoint's preDNAT policy sees packets from
   * workloads too (Felix {@code StaticManglePreroutingChain}, {@code FromHostDispatchChains}).
   */
  CompiledEndpoint preDnatHost(CompiledEndpoint wildcard) {
    if (kind == Hop.Kind.LOCAL) {
      return null;
    }
    if (kind == Hop.Kind.HOST && endpoint != null && endpoint.hasClass(PolicyClass.PRE_DNAT)) {
      return endpoint;
    }
    return wildcard != null && wildcard.hasClass(PolicyClass.PRE_DNAT) ? wildcard : null;
  }

  /**
   * The host endpoint of the filter table's dispatch: the interface's own, else the {@code *}
   * one. For a workload interface only the forward dispatch gets here, and its default is the
   * {@code *} host endpoint.
   */
  CompiledEndpoint filterHost(CompiledEndpoint wildcard) {
    if (kind == Hop.Kind.LOCAL) {
      return null;
    }
    if (kind == Hop.Kind.HOST && endpoint != null) {
      return endpoint;
    }
    return wildcard;
  }

  /** The public description; a host interface shows the host endpoint the filter table uses. */
  Hop describe(CompiledEndpoint wildcard) {
    CompiledEndpoint shown = kind == Hop.Kind.WORKLOAD ? endpoint : filterHost(wildcard);
    return new Hop(kind, interfaceName, shown == null ? null : shown.id(), inferred);
  }
}
