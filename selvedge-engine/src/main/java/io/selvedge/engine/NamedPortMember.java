package io.selvedge.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * A member of a named-port IP set: an endpoint address (a host prefix), a protocol number and
 * the port the endpoint's named port resolves to (spec §3.4).
 */
public record NamedPortMember(Cidr address, int protocol, int port) implements Comparable<NamedPortMember> {
  private static final Comparator<NamedPortMember> ORDER = Comparator.comparing(NamedPortMember::address)
      .thenComparingInt(NamedPortMember::protocol).thenComparingInt(NamedPortMember::port);

  public NamedPortMember {
    Objects.requireNonNull(address, "address");
  }

  @Override
  public int compareTo(NamedPortMember o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return address.addressText() + "," + protocol + ":" + port;
  }
}
