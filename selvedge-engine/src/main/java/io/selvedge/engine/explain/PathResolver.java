package io.selvedge.engine.explain;

import io.selvedge.engine.IpFamily;

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
 * A host-side hop still unknown after that is the node's host endpoint interface when the node
 * has exactly one (a packet from or to the outside world crosses it: what a user asking about
 * "the internet to my pod" means); with several, it stays "a host interface" and no host
 * endpoint's policy applies, so the user names one with {@code --in-interface}.
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
  /** What each local address means to hop inference, with the inferred hops built once. */
  private final AddressIndex<Role> roles;
  /** The hop of an unknown host-side interface: the only named host endpoint's, else unclaimed. */
  private final ResolvedHop unknownHostHop;

  /**
   * A local address as hop inference sees it: the hop of the workload owning it (null if none),
   * whether a host endpoint owns it, and the host hop of a flow whose other side it is (null: the
   * owning host endpoint claims no interface, or there is none).
   */
  record Role(ResolvedHop workloadHop, boolean hostAddress, ResolvedHop hostHop) {}

  PathResolver(CompiledState state, DataplaneSettings settings) {
    this.state = state;
    this.settings = settings;
    this.roles = state.localAddresses.map(a -> {
      CompiledEndpoint w = a.workload();
      CompiledEndpoint h = a.host();
      CompiledEndpoint claim = h == null ? null : claimant(h);
      return new Role(w == null ? null : new ResolvedHop(Hop.Kind.WORKLOAD, w.endpoint.interfaceName(), w, true),
          h != null, h == null ? null : new ResolvedHop(Hop.Kind.HOST, claim == null ? null : ifaceOf(claim), claim, true));
    });
    this.unknownHostHop = state.namedHosts.size() == 1 && state.wildcardHost == null
        ? state.namedHosts.entrySet().stream().findFirst()
            .map(e -> new ResolvedHop(Hop.Kind.HOST, e.getKey(), e.getValue(), true)).orElseThrow()
        : HOST_UNCLAIMED;
  }

  /** The role of an address of a flow, null if it is no local endpoint's. One hash lookup. */
  Role role(IpFamily family, long hi, long lo) {
    return roles.get(family, hi, lo);
  }

  ResolvedHop in(Flow f) {
    return in(f, role(f.family(), f.srcHi(), f.srcLo()), role(f.family(), f.dstHi(), f.dstLo()));
  }

  ResolvedHop out(Flow f) {
    return out(f, role(f.family(), f.srcHi(), f.srcLo()), role(f.family(), f.dstHi(), f.dstLo()));
  }

  /** The in-hop, given the roles of the flow's source and destination ({@link #role}). */
  ResolvedHop in(Flow f, Role src, Role dst) {
    return hop(f.inInterface(), src, dst);
  }

  /** The out-hop, given the roles of the flow's source and destination ({@link #role}). */
  ResolvedHop out(Flow f, Role src, Role dst) {
    return hop(f.outInterface(), dst, src);
  }

  /**
   * @param self the role of the address on this side of the hop (source for the in-hop)
   * @param other the role of the address on the other side
   */
  private ResolvedHop hop(String name, Role self, Role other) {
    if (name == null) {
      if (self != null && self.workloadHop() != null) {
        return self.workloadHop();
      }
      if (self != null && self.hostAddress()) {
        return LOCAL_INFERRED;
      }
      return other != null && other.hostHop() != null ? other.hostHop() : unknownHostHop;
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
