package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.Protocol;
import java.util.Set;

/**
 * Checks protocol values as Calico's client does: a number 1-255, or one of the names
 * {@code TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite}, case-sensitive ({@code tcp} is rejected, as
 * calicoctl rejects it, although Felix would accept it).
 */
final class ProtocolValidator {
  static final Set<String> NAMES = Set.of("TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite");
  static final String ALLOWED = "a number 1-255 or one of TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite;"
      + " names are case-sensitive";

  private ProtocolValidator() {}

  /** Checks {@code p} (null means "not set" and is fine). Returns whether it is valid. */
  static boolean check(Protocol p, ViolationCollector c) {
    if (p == null) {
      return true;
    }
    if (p.number() != null) {
      int n = p.number();
      if (n < 1 || n > 255) {
        c.add(n + " is not a valid protocol (" + ALLOWED + ")");
        return false;
      }
      return true;
    }
    if (!NAMES.contains(p.name())) {
      c.add(UserText.quoted(p.name()) + " is not a valid protocol (" + ALLOWED + ")");
      return false;
    }
    return true;
  }

  /** True for ICMP by name or number 1. */
  static boolean isIcmpV4(Protocol p) {
    return p != null && (Integer.valueOf(1).equals(p.number()) || "ICMP".equals(p.name()));
  }

  /** True for ICMPv6 by name or number 58. */
  static boolean isIcmpV6(Protocol p) {
    return p != null && (Integer.valueOf(58).equals(p.number()) || "ICMPv6".equals(p.name()));
  }

  /** True for TCP by name or number 6. */
  static boolean isTcp(Protocol p) {
    return p != null && (Integer.valueOf(6).equals(p.number()) || "TCP".equals(p.name()));
  }

  /** How a protocol is shown in messages: {@code TCP}, {@code 17}, {@code 1 (ICMP)}, or quoted if unknown. */
  static String describe(Protocol p) {
    if (p.number() != null) {
      int n = p.number();
      return n == 1 ? "1 (ICMP)" : n == 58 ? "58 (ICMPv6)" : String.valueOf(n);
    }
    return NAMES.contains(p.name()) ? p.name() : UserText.quoted(p.name());
  }
}
