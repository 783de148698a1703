package io.selvedge.net;

/**
 * Writes the canonical text of addresses: IPv4 as dotted decimal; IPv6 as RFC 5952 says
 * (lower-case hex, no leading zeros, the longest run of two or more zero groups shortened to
 * {@code ::}, the first run on a tie, and IPv4-mapped addresses as {@code ::ffff:a.b.c.d}).
 */
public final class AddressFormatter {
  private AddressFormatter() {}

  /** Appends {@code v} (the low 32 bits) as dotted decimal. */
  public static void appendV4(StringBuilder b, long v) {
    b.append((v >>> 24) & 0xff).append('.')
        .append((v >>> 16) & 0xff).append('.')
        .append((v >>> 8) & 0xff).append('.')
        .append(v & 0xff);
  }

  /** Appends the address {@code hi:lo} in RFC 5952 form. */
  public static void appendV6(StringBuilder b, long hi, long lo) {
    if (hi == 0 && (lo >>> 32) == 0xffffL) {
      b.append("::ffff:");
      appendV4(b, lo & 0xffffffffL);
      return;
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
    }
    int bestStart = -1;
    int bestLen = 1; // a single zero group is never shortened (RFC 5952 4.2.2)
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
  }
}
