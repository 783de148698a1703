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
 * inference. Stateless apart from the compiled state; thread-safe.
 */
final class PathResolver {
  private final CompiledState state;
  private final DataplaneSettings settings;

  PathResolver(CompiledState state, DataplaneSettings settings) {
    this.state = state;
    this.settings = settings;
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
      CompiledEndpoint w = state.workloadsByAddress.get(self);
      if (w != null) {
        return new ResolvedHop(Hop.Kind.WORKLOAD, w.endpoint.interfaceName(), w, true);
      }
      if (state.hostsByAddress.get(self) != null) {
        return new ResolvedHop(Hop.Kind.LOCAL, null, null, true);
      }
      CompiledEndpoint h = state.hostsByAddress.get(other);
      CompiledEndpoint claim = h == null ? null : claimant(h);
      return new ResolvedHop(Hop.Kind.HOST, claim == null ? null : ifaceOf(claim), claim, true);
    }
    if (name.equals(Flow.LOCAL)) {
      return new ResolvedHop(Hop.Kind.LOCAL, null, null, false);
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
