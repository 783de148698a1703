package io.selvedge.engine;

/**
 * An IP address family. Calico renders every policy once per family (spec §3.5) and keeps one
 * IP set per selector and family, so most desired-state values carry or are keyed by one.
 */
public enum IpFamily {
  V4(32),
  V6(128);

  private final int bits;

  IpFamily(int bits) {
    this.bits = bits;
  }

  /** Address width in bits: 32 or 128. */
  public int bits() {
    return bits;
  }

  /** Calico's ipVersion number (4 or 6). */
  public int version() {
    return this == V4 ? 4 : 6;
  }
}
