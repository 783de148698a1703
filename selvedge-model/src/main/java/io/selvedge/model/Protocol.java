package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;

/**
 * A protocol as Calico's {@code numorstring.Protocol}: a number 0..255 or a name. A string
 * that parses as an unsigned 8-bit number becomes that number ({@code "6"} is {@code 6}).
 * Names are kept as written; the validator enforces Calico's case-sensitive name list.
 */
public record Protocol(Integer number, String name) {
  private static final Map<String, Integer> NUMBERS = Map.of(
      "tcp", 6, "udp", 17, "icmp", 1, "icmpv6", 58, "sctp", 132, "udplite", 136);

  public Protocol {
    if ((number == null) == (name == null)) {
      throw new IllegalArgumentException("a protocol is either a number or a name");
    }
  }

  public static final Protocol TCP = named("TCP");
  public static final Protocol UDP = named("UDP");
  public static final Protocol ICMP = named("ICMP");
  public static final Protocol ICMPV6 = named("ICMPv6");
  public static final Protocol SCTP = named("SCTP");

  public static Protocol named(String name) {
    return new Protocol(null, name);
  }

  public static Protocol number(int n) {
    return new Protocol(n, null);
  }

  @JsonCreator
  public static Protocol fromJson(Object value) {
    if (value instanceof Integer i) {
      return checked(i.longValue());
    }
    if (value instanceof Long l) {
      return checked(l);
    }
    if (value instanceof String s) {
      return parse(s);
    }
    throw new IllegalArgumentException("a protocol must be a name (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite) or a number 1-255");
  }

  public static Protocol parse(String s) {
    if (!s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit)) {
      int v = Integer.parseInt(s);
      if (v <= 255) {
        return number(v);
      }
    }
    return named(s);
  }

  private static Protocol checked(long v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException("protocol number " + v + " is out of range (1-255)");
    }
    return number((int) v);
  }

  /** The IANA protocol number, resolving known names case-insensitively; empty if unknown. */
  public java.util.OptionalInt resolvedNumber() {
    if (number != null) {
      return java.util.OptionalInt.of(number);
    }
    Integer n = NUMBERS.get(name.toLowerCase(Locale.ROOT));
    return n == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(n);
  }

  /** Calico's SupportsPorts: TCP, UDP, SCTP by name (any case) or number. UDPLite does not. */
  public boolean supportsPorts() {
    var n = resolvedNumber();
    return n.isPresent() && (n.getAsInt() == 6 || n.getAsInt() == 17 || n.getAsInt() == 132);
  }

  @JsonValue
  public Object toJson() {
    return number != null ? (Object) number : name;
  }

  @Override
  public String toString() {
    return String.valueOf(toJson());
  }
}
