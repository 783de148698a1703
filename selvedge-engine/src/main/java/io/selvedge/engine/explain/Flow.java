package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.Objects;

/**
 * One packet to evaluate: addresses, protocol, ports or ICMP type/code, whether it belongs to an
 * established connection, and optionally the interfaces it arrives on and leaves by.
 *
 * <p>The addresses are held as bits, in {@link Cidr}'s layout (128 bits in two longs; an IPv4
 * address in the top 32 bits of the high long, the low long 0), not as {@link Cidr} objects:
 * the evaluator reads them for every rule it tests, and a flow that is one object instead of
 * three is one stretch of memory to fetch per verdict. {@link #src()} and {@link #dst()} give
 * them as host prefixes.
 *
 * <p>Interfaces: {@code null} means "infer from the addresses" (an address of a local workload
 * is its interface, an address of a local host endpoint is the host itself, anything else is a
 * host interface); {@link #LOCAL} means a process on the node itself (the packet is sent by it,
 * or delivered to it); any other value is an interface name. A name starting with a workload
 * prefix ({@code cali}) is a workload interface.
 *
 * @param family address family of both addresses
 * @param srcHi source address, high 64 bits ({@link Cidr#hi()} of the host prefix)
 * @param srcLo source address, low 64 bits (0 for IPv4)
 * @param dstHi destination address, high 64 bits
 * @param dstLo destination address, low 64 bits (0 for IPv4)
 * @param protocol IANA protocol number
 * @param srcPort source port, 0 for protocols without ports
 * @param dstPort destination port, 0 for protocols without ports
 * @param icmpType ICMP (or ICMPv6) type, -1 if not ICMP or not given
 * @param icmpCode ICMP code, -1 if not given
 * @param established the packet belongs to an established (or related) conntrack flow
 * @param inInterface interface it arrives on, {@link #LOCAL}, or null (infer)
 * @param outInterface interface it leaves by, {@link #LOCAL}, or null (infer)
 */
public record Flow(
    IpFamily family,
    long srcHi,
    long srcLo,
    long dstHi,
    long dstLo,
    int protocol,
    int srcPort,
    int dstPort,
    int icmpType,
    int icmpCode,
    boolean established,
    String inInterface,
    String outInterface) {

  /** The node itself as a hop: a local process sends or receives the packet. Not an interface name. */
  public static final String LOCAL = "(local)";
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMP = 1;
  public static final int ICMPV6 = 58;
  public static final int SCTP = 132;

  private static final long V4_UNUSED_BITS = 0xFFFF_FFFFL;

  public Flow {
    Objects.requireNonNull(family, "family");
    if (family == IpFamily.V4 && (((srcHi | dstHi) & V4_UNUSED_BITS) != 0 || (srcLo | dstLo) != 0)) {
      throw new IllegalArgumentException("IPv4 flow addresses must be in the top 32 bits of the high long");
    }
    if (protocol < 0 || protocol > 255) {
      throw new IllegalArgumentException("protocol " + protocol + " is not 0-255");
    }
    if (srcPort < 0 || srcPort > 65535 || dstPort < 0 || dstPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + srcPort + " -> " + dstPort);
    }
    if (icmpType < -1 || icmpType > 255 || icmpCode < -1 || icmpCode > 255) {
      throw new IllegalArgumentException("bad ICMP type/code " + icmpType + "/" + icmpCode);
    }
  }

  /**
   * A flow between two single addresses (host prefixes of one family).
   *
   * @throws IllegalArgumentException if an address is a network or the families differ
   */
  public Flow(Cidr src, Cidr dst, int protocol, int srcPort, int dstPort, int icmpType, int icmpCode,
      boolean established, String inInterface, String outInterface) {
    this(familyOf(src, dst), src.hi(), src.lo(), dst.hi(), dst.lo(), protocol, srcPort, dstPort, icmpType, icmpCode,
        established, inInterface, outInterface);
  }

  private static IpFamily familyOf(Cidr src, Cidr dst) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    if (src.length() != src.family().bits() || dst.length() != dst.family().bits()) {
      throw new IllegalArgumentException("flow addresses must be single addresses: " + src + " -> " + dst);
    }
    if (src.family() != dst.family()) {
      throw new IllegalArgumentException("flow mixes IPv4 and IPv6: " + src + " -> " + dst);
    }
    return src.family();
  }

  /** The source address as a host prefix. */
  public Cidr src() {
    return Cidr.of(family, srcHi, srcLo, family.bits());
  }

  /** The destination address as a host prefix. */
  public Cidr dst() {
    return Cidr.of(family, dstHi, dstLo, family.bits());
  }

  /** A new connection between two addresses with a protocol and no ports, ICMP or interfaces. */
  public static Flow of(String src, String dst, int protocol) {
    return new Flow(host(src), host(dst), protocol, 0, 0, -1, -1, false, null, null);
  }

  /** A new TCP connection. */
  public static Flow tcp(String src, int srcPort, String dst, int dstPort) {
    return of(src, dst, TCP).withPorts(srcPort, dstPort);
  }

  /** A new UDP flow. */
  public static Flow udp(String src, int srcPort, String dst, int dstPort) {
    return of(src, dst, UDP).withPorts(srcPort, dstPort);
  }

  /** An ICMP (IPv4) or ICMPv6 (IPv6) packet of the given type and code. */
  public static Flow icmp(String src, String dst, int type, int code) {
    Cidr s = host(src);
    return new Flow(s, host(dst), s.family() == IpFamily.V4 ? ICMP : ICMPV6, 0, 0, type, code, false, null, null);
  }

  private static Cidr host(String address) {
    Cidr c = Cidr.parse(address);
    if (c.length() != c.family().bits()) {
      throw new IllegalArgumentException("\"" + address + "\" is a network, not an address");
    }
    return c;
  }

  public Flow withPorts(int newSrcPort, int newDstPort) {
    return new Flow(family, srcHi, srcLo, dstHi, dstLo, protocol, newSrcPort, newDstPort, icmpType, icmpCode,
        established, inInterface, outInterface);
  }

  public Flow withIcmp(int type, int code) {
    return new Flow(family, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort, type, code, established,
        inInterface, outInterface);
  }

  public Flow withEstablished(boolean value) {
    return new Flow(family, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort, icmpType, icmpCode, value,
        inInterface, outInterface);
  }

  /** The same packet on explicit interfaces ({@code null}: infer, {@link #LOCAL}: the node itself). */
  public Flow via(String in, String out) {
    return new Flow(family, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort, icmpType, icmpCode, established,
        in, out);
  }

  /** Whether the protocol carries ports that rules can match (TCP, UDP, SCTP). */
  public boolean hasPorts() {
    return protocol == TCP || protocol == UDP || protocol == SCTP;
  }

  /** Whether this is an ICMP packet of its family (ICMP for IPv4, ICMPv6 for IPv6). */
  public boolean isIcmp() {
    return protocol == (family() == IpFamily.V4 ? ICMP : ICMPV6);
  }

  /** Short text: {@code TCP 10.0.0.1:40000 -> 10.0.0.2:80}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(protocolName(protocol)).append(' ');
    b.append(endpoint(src(), srcPort)).append(" -> ").append(endpoint(dst(), dstPort));
    if (icmpType >= 0) {
      b.append(" type ").append(icmpType);
      if (icmpCode >= 0) {
        b.append(" code ").append(icmpCode);
      }
    }
    b.append(established ? " (established)" : " (new)");
    return b.toString();
  }

  private String endpoint(Cidr a, int port) {
    if (!hasPorts()) {
      return a.addressText();
    }
    return a.family() == IpFamily.V6 ? "[" + a.addressText() + "]:" + port : a.addressText() + ":" + port;
  }

  /** Calico's protocol name for a number, or the number. */
  public static String protocolName(int protocol) {
    return switch (protocol) {
      case TCP -> "TCP";
      case UDP -> "UDP";
      case ICMP -> "ICMP";
      case ICMPV6 -> "ICMPv6";
      case SCTP -> "SCTP";
      case 136 -> "UDPLite";
      default -> Integer.toString(protocol);
    };
  }
}
