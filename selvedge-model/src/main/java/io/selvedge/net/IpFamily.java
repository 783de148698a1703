package io.selvedge.net;

/** An IP address family: IPv4 (32-bit) or IPv6 (128-bit). */
public enum IpFamily {
  V4(4, 32),
  V6(6, 128);

  private final int version;
  private final int bits;

  IpFamily(int version, int bits) {
    this.version = version;
    this.bits = bits;
  }

  /** The IP version number as Calico's {@code ipVersion} field spells it: 4 or 6. */
  public int version() {
    return version;
  }

  /** Address width in bits: 32 or 128. Also the longest valid prefix length. */
  public int bits() {
    return bits;
  }

  /** The family of an {@code ipVersion} value, or null when it is neither 4 nor 6. */
  public static IpFamily ofVersion(int version) {
    return version == 4 ? V4 : version == 6 ? V6 : null;
  }

  @Override
  public String toString() {
    return this == V4 ? "IPv4" : "IPv6";
  }
}
