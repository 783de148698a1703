package io.selvedge.engine;

import java.util.List;
import java.util.Objects;

/**
 * An IP set of one family, referenced by rules through its ID.
 *
 * <ul>
 *   <li>Selector sets ({@code id} = the canonical selector's unique ID, {@code s:…}): the
 *       covering, overlap-free addresses of every endpoint and network set (of any node)
 *       matching the selector, in {@code nets}; {@code namedPorts} is empty.
 *   <li>Named-port sets ({@code id} starts {@code n:}): address, protocol and port triples in
 *       {@code namedPorts}, sorted and distinct; {@code nets} is empty.
 * </ul>
 */
public record IpSet(IpSetKey key, Type type, DisjointCidrs nets, List<NamedPortMember> namedPorts) {

  /** Which member type the set holds. */
  public enum Type {
    NETS,
    NAMED_PORTS
  }

  public IpSet {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(nets, "nets");
    namedPorts = List.copyOf(namedPorts);
    if (nets.family() != key.family()) {
      throw new IllegalArgumentException("members of " + nets.family() + " in a " + key.family() + " set");
    }
  }

  public static IpSet ofNets(IpSetKey key, DisjointCidrs nets) {
    return new IpSet(key, Type.NETS, nets, List.of());
  }

  public static IpSet ofNamedPorts(IpSetKey key, List<NamedPortMember> members) {
    return new IpSet(key, Type.NAMED_PORTS, DisjointCidrs.empty(key.family()), members);
  }

  public String id() {
    return key.id();
  }

  public IpFamily family() {
    return key.family();
  }

  public int size() {
    return type == Type.NETS ? nets.size() : namedPorts.size();
  }
}
