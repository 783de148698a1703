package io.selvedge.net;

/**
 * Parses the text forms of IPv4 and IPv6 addresses into primitive values, with the strictness of
 * Go's {@code net.ParseIP} (which is what Calico uses): IPv4 is exactly four decimal octets
 * without leading zeros ({@code 010.0.0.1} is rejected, it would be octal to some tools); IPv6
 * is up to eight groups of one to four hex digits, at most one {@code ::} which must stand for
 * at least one zero group, and an optional trailing embedded IPv4 address. Zone ids
 * ({@code fe80::1%eth0}), whitespace, signs and hex or octal IPv4 forms are rejected. No DNS,
 * no regular expressions, no allocation on the success path except the result.
 *
 * <p>Stateless; every method works on a slice {@code [from, to)} of the input and reports
 * errors as {@link IpFormatException} quoting the whole original input.
 */
final class AddressParser {
  private AddressParser() {}

  /** Which family the text in {@code [from,to)} claims to be, or throws if it is neither. */
  static IpFamily sniff(String input, int from, int to) {
    if (from == to) {
      throw new IpFormatException(input, "is empty (want an IPv4 or IPv6 address)");
    }
    boolean dot = false;
    for (int i = from; i < to; i++) {
      char c = input.charAt(i);
      if (c == ':') {
        return IpFamily.V6;
      }
      if (c == '.') {
        dot = true;
      } else if (c == '%') {
        throw new IpFormatException(input, "has a zone id (\"%...\"); zones are not allowed");
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new IpFormatException(input, "contains whitespace");
      }
    }
    if (dot) {
      return IpFamily.V4;
    }
    throw new IpFormatException(input, "is not an IP address (want a.b.c.d or an IPv6 address)");
  }

  /** Parses dotted-quad IPv4; returns the address as an unsigned 32-bit value. */
  static long parseV4(String input, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (true) {
      int start = i;
      int acc = 0;
      while (i < to) {
        char c = input.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        acc = acc * 10 + (c - '0');
        i++;
        if (i - start > 3) {
          throw new IpFormatException(input, "has an IPv4 octet with more than 3 digits");
        }
      }
      if (i == start) {
        if (i < to && input.charAt(i) != '.') {
          throw badChar(input, i, "an IPv4 address");
        }
        throw new IpFormatException(input, "has an empty IPv4 octet");
      }
      if (i - start > 1 && input.charAt(start) == '0') {
        throw new IpFormatException(input,
            "has an IPv4 octet with a leading zero (ambiguous: some tools read it as octal)");
      }
      if (acc > 255) {
        throw new IpFormatException(input, "has an IPv4 octet " + acc + " above 255");
      }
      value = (value << 8) | acc;
      octets++;
      if (octets == 4) {
        if (i != to) {
          throw input.charAt(i) == '.'
              ? new IpFormatException(input, "has more than 4 IPv4 octets")
              : badChar(input, i, "an IPv4 address");
        }
        return value;
      }
      if (i == to) {
        throw new IpFormatException(input, "has " + octets + " IPv4 octets (want 4: a.b.c.d)");
      }
      if (input.charAt(i) != '.') {
        throw badChar(input, i, "an IPv4 address");
      }
      i++;
    }
  }

  /** Parses IPv6 text into {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits). */
  static void parseV6(String input, int from, int to, long[] out) {
    // 8 groups of 16 bits, filled left to right; the ellipsis position is recorded in groups.
    int[] groups = new int[8];
    int n = 0;
    int ellipsis = -1;
    int i = from;
    if (to - i >= 2 && input.charAt(i) == ':' && input.charAt(i + 1) == ':') {
      ellipsis = 0;
      i += 2;
      if (i == to) {
        out[0] = 0;
        out[1] = 0;
        return;
      }
    }
    while (n < 8) {
      int start = i;
      int acc = 0;
      while (i < to) {
        int d = hexValue(input.charAt(i));
        if (d < 0) {
          break;
        }
        acc = (acc << 4) | d;
        i++;
        if (i - start > 4) {
          throw new IpFormatException(input, "has an IPv6 group with more than 4 hex digits");
        }
      }
      if (i == start) {
        if (i < to && input.charAt(i) != ':') {
          throw badChar(input, i, "an IPv6 address");
        }
        throw new IpFormatException(input, "has an empty IPv6 group");
      }
      if (i < to && input.charAt(i) == '.') {
        // Trailing embedded IPv4: it fills the last two groups.
        if (ellipsis < 0 && n != 6) {
          throw new IpFormatException(input, "has an embedded IPv4 address that is not in the last 32 bits");
        }
        if (n + 2 > 8) {
          throw new IpFormatException(input, "has too many groups before its embedded IPv4 address");
        }
        long v4 = parseV4(input, start, to);
        groups[n++] = (int) (v4 >>> 16);
        groups[n++] = (int) (v4 & 0xffff);
        i = to;
        break;
      }
      groups[n++] = acc;
      if (i == to) {
        break;
      }
      if (input.charAt(i) != ':') {
        throw badChar(input, i, "an IPv6 address");
      }
      i++;
      if (i == to) {
        throw new IpFormatException(input, "ends with a single ':'");
      }
      if (input.charAt(i) == ':') {
        if (ellipsis >= 0) {
          throw new IpFormatException(input, "has more than one '::'");
        }
        ellipsis = n;
        i++;
        if (i == to) {
          break;
        }
      }
    }
    if (i != to) {
      throw input.charAt(i) == '%'
          ? new IpFormatException(input, "has a zone id (\"%...\"); zones are not allowed")
          : new IpFormatException(input, "has more than 8 IPv6 groups");
    }
    if (n < 8) {
      if (ellipsis < 0) {
        throw new IpFormatException(input, "has " + n + " IPv6 groups (want 8, or fewer with '::')");
      }
      int shift = 8 - n;
      for (int j = n - 1; j >= ellipsis; j--) {
        groups[j + shift] = groups[j];
      }
      for (int j = ellipsis; j < ellipsis + shift; j++) {
        groups[j] = 0;
      }
    } else if (ellipsis >= 0) {
      throw new IpFormatException(input, "has a '::' that stands for no group (8 groups are already given)");
    }
    out[0] = ((long) groups[0] << 48) | ((long) groups[1] << 32) | ((long) groups[2] << 16) | groups[3];
    out[1] = ((long) groups[4] << 48) | ((long) groups[5] << 32) | ((long) groups[6] << 16) | groups[7];
  }

  /** Parses a decimal prefix length in {@code [from,to)}: 1-3 digits, no leading zero. */
  static int parsePrefixLength(String input, int from, int to, IpFamily family) {
    if (from == to) {
      throw new IpFormatException(input, "has an empty prefix length after '/'");
    }
    int acc = 0;
    for (int i = from; i < to; i++) {
      char c = input.charAt(i);
      if (c < '0' || c > '9') {
        throw badChar(input, i, "a prefix length");
      }
      if (i - from >= 3) {
        throw new IpFormatException(input, "has a prefix length out of range (" + family + ": 0-" + family.bits() + ")");
      }
      acc = acc * 10 + (c - '0');
    }
    if (to - from > 1 && input.charAt(from) == '0') {
      throw new IpFormatException(input, "has a prefix length with a leading zero");
    }
    if (acc > family.bits()) {
      throw new IpFormatException(input,
          "has prefix length " + acc + ", out of range (" + family + ": 0-" + family.bits() + ")");
    }
    return acc;
  }

  /** ASCII hex digit value, or -1 (Unicode digits are not hex digits here). */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static IpFormatException badChar(String input, int at, String what) {
    char c = input.charAt(at);
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return new IpFormatException(input, "contains whitespace");
    }
    if (c == '%') {
      return new IpFormatException(input, "has a zone id (\"%...\"); zones are not allowed");
    }
    String shown = io.selvedge.model.UserText.needsEscape(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    return new IpFormatException(input, "has '" + shown + "' at position " + (at + 1) + ", not valid in " + what);
  }
}
