package io.selvedge.net;

/**
 * An IPv4 or IPv6 address: an immutable value, equal when the addresses are equal, whatever the
 * input spelling. Stored as two longs (IPv4 in the low 32 bits of {@code lo}), never as
 * {@link java.net.InetAddress}; parsing never touches DNS.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:1.2.3.4}) are IPv6 addresses here: in an nftables
 * {@code inet} table they only ever match IPv6 packets. (Go, and therefore Calico, would call
 * them IPv4.)
 *
 * <p>Ordering: all IPv4 addresses before all IPv6 addresses, then numerically.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final long hi;
  private final long lo;
  private final boolean v6;

  private IpAddress(long hi, long lo, boolean v6) {
    this.hi = hi;
    this.lo = lo;
    this.v6 = v6;
  }

  /**
   * Parses {@code a.b.c.d} or an IPv6 address. Rejects leading zeros in IPv4 octets, zone ids,
   * whitespace, prefixes ({@code /n}) and anything else Go's {@code net.ParseIP} rejects.
   *
   * @throws IpFormatException quoting the input and saying what is wrong
   */
  public static IpAddress parse(String text) {
    if (text == null) {
      throw new IpFormatException(null, "is missing (want an IPv4 or IPv6 address)");
    }
    int slash = text.indexOf('/');
    if (slash >= 0) {
      throw new IpFormatException(text, "is a CIDR, not a single IP address");
    }
    return parse(text, 0, text.length());
  }

  static IpAddress parse(String text, int from, int to) {
    IpFamily f = AddressParser.sniff(text, from, to);
    if (f == IpFamily.V4) {
      return new IpAddress(0, AddressParser.parseV4(text, from, to), false);
    }
    long[] hl = new long[2];
    AddressParser.parseV6(text, from, to, hl);
    return new IpAddress(hl[0], hl[1], true);
  }

  /** The IPv4 address with the given 32 bits ({@code 0x0a000001} is 10.0.0.1). */
  public static IpAddress ofV4(int bits) {
    return new IpAddress(0, bits & 0xffffffffL, false);
  }

  /** The IPv6 address with the given high and low 64 bits. */
  public static IpAddress ofV6(long high, long low) {
    return new IpAddress(high, low, true);
  }

  /** From network-order bytes: 4 bytes make IPv4, 16 bytes IPv6. */
  public static IpAddress ofBytes(byte[] bytes) {
    if (bytes.length == 4) {
      return ofV4(((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
    }
    if (bytes.length == 16) {
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (bytes[i] & 0xff);
        l = (l << 8) | (bytes[i + 8] & 0xff);
      }
      return ofV6(h, l);
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
  }

  static IpAddress of(IpFamily family, long hi, long lo) {
    return family == IpFamily.V6 ? new IpAddress(hi, lo, true) : new IpAddress(0, lo & 0xffffffffL, false);
  }

  public IpFamily family() {
    return v6 ? IpFamily.V6 : IpFamily.V4;
  }

  /** Network-order bytes: 4 for IPv4, 16 for IPv6. A fresh array on every call. */
  public byte[] bytes() {
    if (!v6) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[i + 8] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /** High 64 bits (always 0 for IPv4). */
  public long high() {
    return hi;
  }

  /** Low 64 bits; for IPv4 the address in the low 32 bits. */
  public long low() {
    return lo;
  }

  /** The canonical text: dotted decimal, or RFC 5952 for IPv6. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(v6 ? 39 : 15);
    appendTo(b);
    return b.toString();
  }

  void appendTo(StringBuilder b) {
    if (v6) {
      AddressFormatter.appendV6(b, hi, lo);
    } else {
      AddressFormatter.appendV4(b, lo);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.v6 == v6 && a.hi == hi && a.lo == lo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi * 31 + lo) ^ (v6 ? 0x5bd1e995 : 0);
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }
}
