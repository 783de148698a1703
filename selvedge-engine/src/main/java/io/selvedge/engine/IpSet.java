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

  /**
   * Whether a selector set holds the address (a host prefix, or any prefix's first address).
   * O(log n). Always false for named-port sets.
   */
  public boolean containsAddress(Cidr address) {
    return type == Type.NETS && nets.containsAddress(address);
  }

  /**
   * Whether a named-port set holds (address, protocol, port); the address is a host prefix of
   * the set's family. O(log n). Always false for selector sets.
   */
  public boolean containsNamedPort(Cidr address, int protocol, int port) {
    return type == Type.NAMED_PORTS
        && java.util.Collections.binarySearch(namedPorts, new NamedPortMember(address, protocol, port)) >= 0;
  }

  public int size() {
    return type == Type.NETS ? nets.size() : namedPorts.size();
  }
}
