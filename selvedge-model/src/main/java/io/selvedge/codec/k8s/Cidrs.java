package io.selvedge.codec.k8s;

import java.util.Locale;

/**
 * Parses a CIDR the way Go's {@code net.ParseCIDR} accepts it and prints the masked network in
 * Go's canonical form ({@code 10.1.2.3/8} becomes {@code 10.0.0.0/8}, IPv6 lower-case with the
 * longest zero run compressed). Never touches DNS. Only what the Kubernetes converter needs;
 * the model's own CIDR type lives in {@code io.selvedge.net}.
 */
final class Cidrs {
  private Cidrs() {}

  /** The normalised CIDR, or throws {@link IllegalArgumentException} with a message quoting the input. */
  static String normalize(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw bad(cidr, "needs a prefix length, e.g. /32");
    }
    String addr = cidr.substring(0, slash);
    String len = cidr.substring(slash + 1);
    if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
        || len.length() > 1 && len.charAt(0) == '0') {
      throw bad(cidr, "has an invalid prefix length");
    }
    int prefix = Integer.parseInt(len);
    byte[] ip = addr.indexOf(':') >= 0 ? parseV6(addr, cidr) : parseV4(addr, cidr);
    if (prefix > ip.length * 8) {
      throw bad(cidr, "has a prefix length longer than the address");
    }
    for (int bit = prefix; bit < ip.length * 8; bit++) {
      ip[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return (ip.length == 4 ? formatV4(ip) : formatV6(ip)) + "/" + prefix;
  }

  private static IllegalArgumentException bad(String cidr, String why) {
    return new IllegalArgumentException("\"" + cidr + "\" is not a valid CIDR: it " + why);
  }

  private static byte[] parseV4(String s, String cidr) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw bad(cidr, "is not an IPv4 or IPv6 address");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) {
        throw bad(cidr, "is not an IPv4 or IPv6 address");
      }
      out[i] = (byte) Integer.parseInt(p);
    }
    return out;
  }

  private static byte[] parseV6(String s, String cidr) {
    byte[] out = new byte[16];
    String head = s;
    String tail = "";
    int dbl = s.indexOf("::");
    if (dbl >= 0) {
      if (s.indexOf("::", dbl + 1) >= 0) {
        throw bad(cidr, "is not an IPv4 or IPv6 address");
      }
      head = s.substring(0, dbl);
      tail = s.substring(dbl + 2);
    }
    int[] h = groups(head, cidr, dbl < 0);
    int[] t = groups(tail, cidr, true);
    int total = h.length + t.length;
    if (dbl < 0 && total != 8 || dbl >= 0 && total > 7) {
      throw bad(cidr, "is not an IPv4 or IPv6 address");
    }
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >>> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int g = 8 - t.length + i;
      out[2 * g] = (byte) (t[i] >>> 8);
      out[2 * g + 1] = (byte) t[i];
    }
    return out;
  }

  /** 16-bit groups; an embedded IPv4 tail counts as two. */
  private static int[] groups(String s, String cidr, boolean allowV4Tail) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int n = parts.length;
    boolean v4 = allowV4Tail && parts[n - 1].indexOf('.') >= 0;
    int[] out = new int[v4 ? n + 1 : n];
    for (int i = 0; i < (v4 ? n - 1 : n); i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4) {
        throw bad(cidr, "is not an IPv4 or IPv6 address");
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0 || p.charAt(k) > 'f') {
          throw bad(cidr, "is not an IPv4 or IPv6 address");
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    if (v4) {
      byte[] b = parseV4(parts[n - 1], cidr);
      out[n - 1] = (b[0] & 0xff) << 8 | b[1] & 0xff;
      out[n] = (b[2] & 0xff) << 8 | b[3] & 0xff;
    }
    return out;
  }

  private static String formatV4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** RFC 5952: lower case, no leading zeros, the longest run (two or more) of zero groups as "::". */
  private static String formatV6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
    }
    int bestStart = -1;
    int bestLen = 1;
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
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
