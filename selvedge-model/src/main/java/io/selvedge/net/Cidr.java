package io.selvedge.net;

/**
 * An IPv4 or IPv6 prefix, {@code address/prefixLength}: an immutable value of two longs, a byte
 * and a flag (32 bytes on a 64-bit JVM with compressed pointers, whatever the family), because
 * Selvedge holds network sets of a million of them.
 *
 * <p>The address is kept as written, host bits included, so that {@link #hasHostBits()} can
 * tell {@code 10.0.0.1/24} from {@code 10.0.0.0/24}; {@link #masked()} gives the network. Two
 * CIDRs are equal when family, address bits and prefix length are equal, whatever the spelling
 * ({@code 2001:DB8::/32} equals {@code 2001:db8:0::/32}). {@link #toString()} is canonical:
 * dotted decimal or RFC 5952, always with the prefix length.
 *
 * <p>Parsing accepts {@code address/length} and a bare address (a /32 or /128), and rejects
 * what Go's {@code net.ParseCIDR} rejects plus a few ambiguous spellings (see
 * {@link #parse(String)}). It never touches DNS.
 *
 * <p>Ordering: IPv4 before IPv6, then by address bits, then by prefix length.
 */
public final class Cidr implements Comparable<Cidr> {
  private final long hi;
  private final long lo;
  private final short prefix;
  private final boolean v6;

  private Cidr(long hi, long lo, int prefix, boolean v6) {
    this.hi = hi;
    this.lo = lo;
    this.prefix = (short) prefix;
    this.v6 = v6;
  }

  /**
   * Parses {@code a.b.c.d/len}, {@code ipv6/len}, or a bare address (then the prefix is the full
   * width). Rejected: prefix lengths out of range for the family, prefix lengths with leading
   * zeros or signs, more than one {@code /}, IPv4 octets with leading zeros
   * ({@code 010.0.0.1}), zone ids, any whitespace (also leading or trailing), and the empty
   * string.
   *
   * @throws IpFormatException quoting the input and saying what is wrong
   */
  public static Cidr parse(String text) {
    if (text == null) {
      throw new IpFormatException(null, "is missing (want a CIDR such as 10.0.0.0/8)");
    }
    int slash = text.indexOf('/');
    int end = slash < 0 ? text.length() : slash;
    IpFamily f = AddressParser.sniff(text, 0, end);
    long h = 0;
    long l;
    if (f == IpFamily.V4) {
      l = AddressParser.parseV4(text, 0, end);
    } else {
      long[] hl = new long[2];
      AddressParser.parseV6(text, 0, end, hl);
      h = hl[0];
      l = hl[1];
    }
    int len = slash < 0 ? f.bits() : AddressParser.parsePrefixLength(text, slash + 1, text.length(), f);
    return new Cidr(h, l, len, f == IpFamily.V6);
  }

  /**
   * Whether {@code text} has an explicit {@code /length}. Calico's rule {@code nets} need one; a
   * bare address there is rejected even though {@link #parse} accepts it.
   */
  public static boolean hasExplicitPrefix(String text) {
    return text != null && text.indexOf('/') >= 0;
  }

  /** The prefix of {@code address} with the given length, host bits kept. */
  public static Cidr of(IpAddress address, int prefixLength) {
    int bits = address.family().bits();
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range ("
          + address.family() + ": 0-" + bits + ")");
    }
    return new Cidr(address.high(), address.low(), prefixLength, address.family() == IpFamily.V6);
  }

  /** The single-address prefix of {@code address}: /32 or /128. */
  public static Cidr ofAddress(IpAddress address) {
    return of(address, address.family().bits());
  }

  public IpFamily family() {
    return v6 ? IpFamily.V6 : IpFamily.V4;
  }

  public int prefixLength() {
    return prefix;
  }

  /** The address as written, host bits included. */
  public IpAddress address() {
    return IpAddress.of(family(), hi, lo);
  }

  /** The network address (the address with the host bits cleared). */
  public IpAddress network() {
    return IpAddress.of(family(), hi & maskHigh(), lo & maskLow());
  }

  /** True when bits beyond the prefix length are set, as in {@code 10.0.0.1/24}. */
  public boolean hasHostBits() {
    return (hi & ~maskHigh()) != 0 || (lo & ~maskLow()) != 0;
  }

  /** The same prefix with the host bits cleared; {@code this} when there are none. */
  public Cidr masked() {
    if (!hasHostBits()) {
      return this;
    }
    return new Cidr(hi & maskHigh(), lo & maskLow(), prefix, v6);
  }

  /** True for a prefix of length 0 ({@code 0.0.0.0/0}, {@code ::/0}): every address of the family. */
  public boolean isCatchAll() {
    return prefix == 0;
  }

  /** True for /32 and /128. */
  public boolean isSingleAddress() {
    return prefix == family().bits();
  }

  /** Whether {@code a} is in this prefix (host bits of this CIDR are ignored). Families must match. */
  public boolean contains(IpAddress a) {
    return a.family() == family()
        && ((a.high() ^ hi) & maskHigh()) == 0
        && ((a.low() ^ lo) & maskLow()) == 0;
  }

  /** Whether every address of {@code c} is in this prefix. Families must match. */
  public boolean contains(Cidr c) {
    return c.v6 == v6
        && c.prefix >= prefix
        && ((c.hi ^ hi) & maskHigh()) == 0
        && ((c.lo ^ lo) & maskLow()) == 0;
  }

  private long maskHigh() {
    if (!v6) {
      return 0; // IPv4 bits live in lo; hi is always 0
    }
    return prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
  }

  private long maskLow() {
    if (!v6) {
      return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }
    return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
  }

  /** Canonical text: {@code 10.0.0.0/8}, {@code 2001:db8::/32}; host bits are kept as written. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(v6 ? 43 : 18);
    if (v6) {
      AddressFormatter.appendV6(b, hi, lo);
    } else {
      AddressFormatter.appendV4(b, lo);
    }
    return b.append('/').append(prefix).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.v6 == v6 && c.prefix == prefix && c.hi == hi && c.lo == lo;
  }

  @Override
  public int hashCode() {
    long h = hi * 0x9E3779B97F4A7C15L + lo;
    h = h * 31 + prefix + (v6 ? 256 : 0);
    return Long.hashCode(h ^ (h >>> 29));
  }

  @Override
  public int compareTo(Cidr o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    if (c == 0) {
      c = Long.compareUnsigned(lo, o.lo);
    }
    return c != 0 ? c : Integer.compare(prefix, o.prefix);
  }
}
