package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;

/**
 * Works out where a flow enters and leaves a node. Given interfaces are looked up (workload
 * prefix → the workload endpoint of that interface; other names → the host endpoint with that
 * {@code interfaceName}). Missing ones are inferred from the addresses:
 *
 * <ul>
 *   <li>source is a local workload → its interface; a local host endpoint's address → the host
 *       itself; otherwise a host interface, the one of the host endpoint owning the destination
 *       address if there is one;
 *   <li>destination is a local workload → its interface; a local host endpoint's address → the
 *       host itself; otherwise a host interface, the one of the host endpoint owning the source
 *       address if there is one.
 * </ul>
 *
 * A host endpoint bound by expected IPs only ({@code interfaceName} empty) can only be found by
 * inference. Inferred hops are built once, so resolving a flow without interfaces allocates
 * nothing. Immutable; thread-safe.
 */
final class PathResolver {
  private static final ResolvedHop LOCAL_INFERRED = new ResolvedHop(Hop.Kind.LOCAL, null, null, true);
  private static final ResolvedHop HOST_UNCLAIMED = new ResolvedHop(Hop.Kind.HOST, null, null, true);
  private static final ResolvedHop LOCAL_GIVEN = new ResolvedHop(Hop.Kind.LOCAL, null, null, false);

  private final CompiledState state;
  private final DataplaneSettings settings;
  /** The inferred hop of each local workload address: allocation-free resolution (the hot path). */
  private final AddressIndex<ResolvedHop> workloadHops;
  /** For each local host endpoint address, the inferred host hop of a flow whose other side it is. */
  private final AddressIndex<ResolvedHop> hostHops;

  PathResolver(CompiledState state, DataplaneSettings settings) {
    this.state = state;
    this.settings = settings;
    this.workloadHops = state.workloadsByAddress.map(
        w -> new ResolvedHop(Hop.Kind.WORKLOAD, w.endpoint.interfaceName(), w, true));
    this.hostHops = state.hostsByAddress.map(h -> {
      CompiledEndpoint claim = claimant(h);
      return new ResolvedHop(Hop.Kind.HOST, claim == null ? null : ifaceOf(claim), claim, true);
    });
  }

  ResolvedHop in(Flow f) {
    return hop(f.inInterface(), f.src(), f.dst());
  }

  ResolvedHop out(Flow f) {
    return hop(f.outInterface(), f.dst(), f.src());
  }

  /**
   * @param self the address on this side of the hop (source for the in-hop)
   * @param other the address on the other side
   */
  private ResolvedHop hop(String name, Cidr self, Cidr other) {
    if (name == null) {
      ResolvedHop w = workloadHops.get(self);
      if (w != null) {
        return w;
      }
      if (state.hostsByAddress.get(self) != null) {
        return LOCAL_INFERRED;
      }
      ResolvedHop h = hostHops.get(other);
      return h != null ? h : HOST_UNCLAIMED;
    }
    if (name.equals(Flow.LOCAL)) {
      return LOCAL_GIVEN;
    }
    if (settings.isWorkloadInterface(name)) {
      return new ResolvedHop(Hop.Kind.WORKLOAD, name, state.workloadsByInterface.get(name), false);
    }
    return new ResolvedHop(Hop.Kind.HOST, name, state.namedHosts.get(name), false);
  }

  /** Which host endpoint claims the interface of {@code h}: null for {@code *} (the default applies). */
  private CompiledEndpoint claimant(CompiledEndpoint h) {
    String iface = h.endpoint.interfaceName();
    if (iface.equals("*")) {
      return null;
    }
    if (iface.isEmpty()) {
      return h;
    }
    return state.namedHosts.getOrDefault(iface, h);
  }

  private static String ifaceOf(CompiledEndpoint h) {
    String iface = h.endpoint.interfaceName();
    return iface.isEmpty() ? null : iface;
  }
}
