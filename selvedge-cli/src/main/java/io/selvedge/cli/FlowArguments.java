package io.selvedge.cli;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.explain.Flow;
import io.selvedge.model.UserText;
import java.util.Locale;

/**
 * Turns {@code explain}'s flow options into a {@link Flow}: {@code IP[:PORT]} endpoints
 * ({@code [IPv6]:PORT} with a port), a protocol name or number, ICMP type/code, interfaces.
 * Every mistake is a usage error naming the option.
 */
final class FlowArguments {
  /** Source port assumed when {@code --src} gives none: the first ephemeral port. */
  static final int DEFAULT_SOURCE_PORT = 49152;
  /** The interface value that means the node itself. */
  static final String LOCAL = "local";

  private FlowArguments() {}

  /** An address and an optional port (-1 when absent). */
  record AddressPort(Cidr address, int port) {}

  static AddressPort endpoint(String option, String text) {
    String addr = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw usage(option, text, "missing ']' (write [IPv6]:PORT)");
      }
      addr = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw usage(option, text, "expected :PORT after ]");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      addr = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    if (addr.indexOf('/') >= 0) {
      throw usage(option, text, "give one address, not a network");
    }
    Cidr c;
    try {
      c = Cidr.parse(addr);
    } catch (IllegalArgumentException e) {
      throw usage(option, text, "not an IPv4 or IPv6 address");
    }
    return new AddressPort(c, port == null ? -1 : number(option, text, port, 65535, "port"));
  }

  /** A protocol name (any case) or number; {@code icmp} means ICMPv6 for an IPv6 flow. */
  static int protocol(String text, IpFamily family) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "tcp":
        return Flow.TCP;
      case "udp":
        return Flow.UDP;
      case "sctp":
        return Flow.SCTP;
      case "udplite":
        return 136;
      case "icmp":
        return family == IpFamily.V4 ? Flow.ICMP : Flow.ICMPV6;
      case "icmpv6":
        return Flow.ICMPV6;
      default:
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 3) {
          return number("--proto", text, text, 255, "protocol number");
        }
        throw usage("--proto", text, "use tcp, udp, sctp, udplite, icmp, icmpv6 or a number 0-255");
    }
  }

  /** The interface option's value: {@code local} for the node itself, else the interface name. */
  static String iface(String value) {
    return value == null ? null : value.equals(LOCAL) ? Flow.LOCAL : value;
  }

  static Flow flow(String src, String dst, String proto, Integer icmpType, Integer icmpCode, boolean established) {
    AddressPort s = endpoint("--src", src);
    AddressPort d = endpoint("--dst", dst);
    if (s.address().family() != d.address().family()) {
      throw new UserError(ExitCode.USAGE, "--src and --dst must both be IPv4 or both IPv6");
    }
    int protocol = protocol(proto, s.address().family());
    Flow f = new Flow(s.address(), d.address(), protocol, 0, 0, -1, -1, established, null, null);
    boolean ports = f.hasPorts();
    if (!ports && (s.port() >= 0 || d.port() >= 0)) {
      throw new UserError(ExitCode.USAGE, "ports apply to tcp, udp and sctp only, not to protocol "
          + Flow.protocolName(protocol));
    }
    if (ports) {
      if (d.port() < 0) {
        throw new UserError(ExitCode.USAGE, "--dst needs a port for " + Flow.protocolName(protocol) + " (IP:PORT)");
      }
      f = f.withPorts(s.port() < 0 ? DEFAULT_SOURCE_PORT : s.port(), d.port());
    }
    if (icmpCode != null && icmpType == null) {
      throw new UserError(ExitCode.USAGE, "--icmp-code needs --icmp-type");
    }
    if (icmpType != null && !f.isIcmp()) {
      throw new UserError(ExitCode.USAGE, "--icmp-type applies to --proto icmp / icmpv6 only");
    }
    if (f.isIcmp()) {
      int type = icmpType != null ? icmpType : f.family() == IpFamily.V4 ? 8 : 128; // echo request
      int code = icmpCode != null ? icmpCode : 0;
      if (type < 0 || type > 255 || code < 0 || code > 255) {
        throw new UserError(ExitCode.USAGE, "ICMP type and code must be 0-255");
      }
      f = f.withIcmp(type, code);
    }
    return f;
  }

  private static int number(String option, String whole, String text, int max, String what) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw usage(option, whole, what + " must be 0-" + max);
  }

  private static UserError usage(String option, String text, String why) {
    return new UserError(ExitCode.USAGE, option + " \"" + UserText.escapeControls(text) + "\": " + why);
  }
}
