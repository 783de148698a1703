package io.selvedge.engine;

import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix, normalised on construction (host bits cleared), with the address
 * held as 128 bits in two longs so that both families share one bit layout: bit 0 is the most
 * significant bit of {@code hi}; an IPv4 address occupies the top 32 bits of {@code hi} and
 * {@code lo} is 0. Prefixes of the same family order by address (unsigned), then by length
 * (shorter first), which is a pre-order of the containment tree: a prefix sorts right before
 * the prefixes it contains.
 *
 * <p>Parsing ({@link #parse}) accepts {@code a.b.c.d[/n]} and RFC 4291 IPv6 text
 * ({@code ::}, embedded dotted IPv4) with an optional {@code /n}; a bare address is a host
 * prefix. It never touches DNS. Formatting is canonical (RFC 5952 for IPv6, lower case,
 * longest zero run compressed). Immutable and thread-safe.
 */
public record Cidr(IpFamily family, long hi, long lo, int length) implements Comparable<Cidr> {

  public Cidr {
    Objects.requireNonNull(family, "family");
    if (length < 0 || length > family.bits()) {
      throw new IllegalArgumentException("prefix length " + length + " out of range for " + family);
    }
    hi &= maskHi(length);
    lo &= maskLo(length);
    if (family == IpFamily.V4) {
      hi &= 0xFFFF_FFFF_0000_0000L;
      lo = 0;
    }
  }

  /** The prefix of {@code length} bits containing the given 128-bit address. */
  public static Cidr of(IpFamily family, long hi, long lo, int length) {
    return new Cidr(family, hi, lo, length);
  }

  /** An IPv4 prefix from a 32-bit address held in the low bits of {@code address}. */
  public static Cidr v4(long address, int length) {
    return new Cidr(IpFamily.V4, (address & 0xFFFF_FFFFL) << 32, 0, length);
  }

  /** Whether this prefix contains (or equals) {@code other}. */
  public boolean contains(Cidr other) {
    return family == other.family && length <= other.length
        && (other.hi & maskHi(length)) == hi && (other.lo & maskLo(length)) == lo;
  }

  /** Whether this prefix contains the 128-bit address (same layout as the fields). */
  public boolean containsAddress(long addrHi, long addrLo) {
    return (addrHi & maskHi(length)) == hi && (addrLo & maskLo(length)) == lo;
  }

  /** Mask of the first {@code length} bits of the high long. */
  public static long maskHi(int length) {
    return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
  }

  /** Mask of bits 64.. of the first {@code length} bits, in the low long. */
  public static long maskLo(int length) {
    return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
  }

  /** Parses a prefix or a bare address (a host prefix); host bits are cleared. */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    int addrEnd = slash < 0 ? text.length() : slash;
    IpFamily family = text.lastIndexOf(':', addrEnd - 1) >= 0 ? IpFamily.V6 : IpFamily.V4;
    int length = family.bits();
    if (slash >= 0) {
      length = parseLength(text, slash + 1, family);
    }
    if (family == IpFamily.V4) {
      // The hot path (network sets of a million CIDRs): parsed in place, no substrings.
      long a = parseV4(text, 0, addrEnd, text);
      return new Cidr(family, a << 32, 0, length);
    }
    long[] hl = parseV6(text.substring(0, addrEnd), text);
    return new Cidr(family, hl[0], hl[1], length);
  }

  /**
   * Parses an IPv4 prefix or bare address as {@link #parse} does (same acceptance, same errors)
   * without creating an object: the address with host bits cleared in bits 8..39 of the result,
   * the prefix length in bits 0..7 — the layout of {@code index.PackedCidrs} — or -1 if the text
   * is IPv6. For network sets of a million CIDRs, where a {@link Cidr} per entry was 50 MB of
   * garbage.
   */
  public static long parseV4Packed(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    int addrEnd = slash < 0 ? text.length() : slash;
    if (text.lastIndexOf(':', addrEnd - 1) >= 0) {
      return -1;
    }
    int length = slash < 0 ? 32 : parseLength(text, slash + 1, IpFamily.V4);
    long a = parseV4(text, 0, addrEnd, text) & (length == 0 ? 0 : 0xFFFF_FFFFL << (32 - length));
    return (a << 8) | length;
  }

  /** The family of an address or prefix text, decided as Calico does (presence of ':'). */
  public static IpFamily familyOf(String text) {
    return text.indexOf(':') >= 0 ? IpFamily.V6 : IpFamily.V4;
  }

  private static int parseLength(String text, int from, IpFamily family) {
    int n = 0;
    if (from == text.length() || text.length() - from > 3) {
      throw bad(text, "prefix length is not a number");
    }
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw bad(text, "prefix length is not a number");
      }
      n = n * 10 + (c - '0');
    }
    if (n > family.bits()) {
      throw bad(text, "prefix length is over " + family.bits());
    }
    return n;
  }

  /** Parses dotted-quad IPv4 in {@code s[from, to)} into the low 32 bits of the result. */
  private static long parseV4(String s, int from, int to, String text) {
    long result = 0;
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int v = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255) {
        throw bad(text, "not an IPv4 address");
      }
      result = (result << 8) | v;
      parts++;
      if (parts == 4) {
        if (i != to) {
          throw bad(text, "not an IPv4 address");
        }
        return result;
      }
      if (i >= to || s.charAt(i) != '.') {
        throw bad(text, "not an IPv4 address");
      }
      i++;
    }
  }

  private static long[] parseV6(String s, String text) {
    int[] groups = new int[8];
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      throw bad(text, "more than one '::'");
    }
    int[] head;
    int[] tail;
    if (doubleColon >= 0) {
      head = parseGroups(s.substring(0, doubleColon), text, false);
      tail = parseGroups(s.substring(doubleColon + 2), text, true);
      if (head.length + tail.length > 7) {
        throw bad(text, "too many groups");
      }
    } else {
      head = parseGroups(s, text, true);
      tail = new int[0];
      if (head.length != 8) {
        throw bad(text, "not 8 groups");
      }
    }
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | groups[g];
      lo = (lo << 16) | groups[g + 4];
    }
    return new long[] {hi, lo};
  }

  /** Colon-separated hex groups; the last may be dotted IPv4 (two groups) when allowed. */
  private static int[] parseGroups(String s, String text, boolean v4Tail) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int extra = 0;
    String last = parts[parts.length - 1];
    boolean dotted = last.indexOf('.') >= 0;
    if (dotted) {
      if (!v4Tail) {
        throw bad(text, "embedded IPv4 must be last");
      }
      extra = 1;
    }
    int[] out = new int[parts.length + extra];
    for (int p = 0; p < parts.length; p++) {
      String part = parts[p];
      if (dotted && p == parts.length - 1) {
        long v4 = parseV4(part, 0, part.length(), text);
        out[p] = (int) (v4 >>> 16);
        out[p + 1] = (int) (v4 & 0xFFFF);
        continue;
      }
      if (part.isEmpty() || part.length() > 4) {
        throw bad(text, "bad IPv6 group");
      }
      int v = 0;
      for (int c = 0; c < part.length(); c++) {
        int d = Character.digit(part.charAt(c), 16);
        if (d < 0) {
          throw bad(text, "bad IPv6 group");
        }
        v = v * 16 + d;
      }
      out[p] = v;
    }
    return out;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("\"" + text + "\" is not a CIDR: " + why);
  }

  /** The address part in canonical text, without the prefix length. */
  public String addressText() {
    return family == IpFamily.V4 ? formatV4(hi >>> 32) : formatV6(hi, lo);
  }

  @Override
  public String toString() {
    return addressText() + "/" + length;
  }

  static String formatV4(long a) {
    StringBuilder b = new StringBuilder(15);
    io.selvedge.net.AddressFormatter.appendV4(b, a);
    return b.toString();
  }

  static String formatV6(long hi, long lo) {
    StringBuilder b = new StringBuilder(39);
    io.selvedge.net.AddressFormatter.appendV6(b, hi, lo);
    return b.toString();
  }


  @Override
  public int compareTo(Cidr o) {
    int c = family.compareTo(o.family);
    if (c == 0) {
      c = Long.compareUnsigned(hi, o.hi);
    }
    if (c == 0) {
      c = Long.compareUnsigned(lo, o.lo);
    }
    return c != 0 ? c : Integer.compare(length, o.length);
  }
}
