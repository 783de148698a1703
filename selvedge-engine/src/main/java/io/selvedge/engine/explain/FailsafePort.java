package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One failsafe entry of Felix's {@code FailsafeInboundHostPorts} / {@code FailsafeOutboundHostPorts}
 * (spec §4.3): a protocol (TCP or UDP), an optional network and a port. Inbound entries open the
 * destination port of packets entering through a host endpoint (from {@code net}, if given);
 * outbound entries the destination port of packets leaving (to {@code net}). Immutable.
 *
 * @param protocol 6 (TCP) or 17 (UDP)
 * @param net the source (inbound) or destination (outbound) network, or null for any
 */
public record FailsafePort(int protocol, Cidr net, int port) {

  /** Felix's default inbound list: tcp 22, udp 68, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667. */
  public static final List<FailsafePort> DEFAULT_INBOUND =
      parseList("tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");
  /** Felix's default outbound list: udp 53, udp 67, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667. */
  public static final List<FailsafePort> DEFAULT_OUTBOUND =
      parseList("udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");

  public FailsafePort {
    if (protocol != Flow.TCP && protocol != Flow.UDP) {
      throw new IllegalArgumentException("failsafe protocol must be tcp or udp, not " + protocol);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("failsafe port " + port + " is not 0-65535");
    }
  }

  /**
   * Parses Felix's port-list syntax: comma-separated {@code port}, {@code proto:port},
   * {@code proto:net:port} or {@code proto:[ipv6-net]:port}; protocol {@code tcp} (default) or
   * {@code udp}, any case; {@code none} or an empty string is the empty list.
   */
  public static List<FailsafePort> parseList(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) {
      return List.of();
    }
    List<FailsafePort> out = new ArrayList<>();
    for (String entry : t.split(",")) {
      out.add(parse(entry.trim()));
    }
    return List.copyOf(out);
  }

  /** Parses one entry (see {@link #parseList}). */
  public static FailsafePort parse(String entry) {
    String protoText = "tcp";
    String netText = null;
    String portText = entry;
    int firstColon = entry.indexOf(':');
    if (firstColon >= 0) {
      protoText = entry.substring(0, firstColon);
      String rest = entry.substring(firstColon + 1);
      int lastColon = rest.lastIndexOf(':');
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
          throw bad(entry, "expected proto:[net]:port");
        }
        netText = rest.substring(1, close);
        portText = rest.substring(close + 2);
      } else if (lastColon >= 0) {
        netText = rest.substring(0, lastColon);
        portText = rest.substring(lastColon + 1);
      } else {
        portText = rest;
      }
    }
    int protocol = switch (protoText.toLowerCase(Locale.ROOT)) {
      case "tcp" -> Flow.TCP;
      case "udp" -> Flow.UDP;
      default -> throw bad(entry, "protocol must be tcp or udp");
    };
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw bad(entry, "port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw bad(entry, "port is not 0-65535");
    }
    Cidr net = null;
    if (netText != null) {
      try {
        net = Cidr.parse(netText);
      } catch (IllegalArgumentException e) {
        throw bad(entry, e.getMessage());
      }
    }
    return new FailsafePort(protocol, net, port);
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException("failsafe port \"" + entry + "\": " + why);
  }

  /**
   * Whether a packet matches: same protocol, {@code port} equal to this entry's port, and the
   * address (the packet's source for inbound entries, destination for outbound) inside {@code net}
   * when one is given. An entry whose net is of the other family does not exist for the packet
   * (Felix renders it only into the table of its family).
   */
  public boolean matches(int packetProtocol, int packetPort, IpFamily family, long addrHi, long addrLo) {
    if (packetProtocol != protocol || packetPort != port) {
      return false;
    }
    return net == null || (net.family() == family && net.containsAddress(addrHi, addrLo));
  }

  /** Felix's syntax: {@code tcp:22}, {@code udp:10.0.0.0/8:53}, {@code tcp:[fd00::/8]:22}. */
  @Override
  public String toString() {
    String p = protocol == Flow.TCP ? "tcp" : "udp";
    if (net == null) {
      return p + ":" + port;
    }
    return net.family() == IpFamily.V6 ? p + ":[" + net + "]:" + port : p + ":" + net + ":" + port;
  }

}
