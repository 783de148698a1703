package io.selvedge.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates block lists shaped like public IPv4 threat feeds: distinct, mixed-length prefixes
 * (75% /32, 14% /28–/31, ~11% /24–/27, 0.05% /20–/23), some nested in others, in random order
 * (the worst case for sorting). Addresses come only from reserved ranges — 240.0.0.0/4 (58%),
 * 10.0.0.0/8 (30%), 100.64.0.0/10 (10%) and 198.18.0.0/15 (2%) — spread out enough that, as in
 * real feeds, few entries nest (about 90% of them are covering members). The generated endpoints
 * never use these ranges, and {@link #outsideAddress}'s range is not among them, so a benchmark
 * can add a CIDR that is certainly new.
 *
 * <p>Deterministic for a seed. Stateless; {@link #ipv4} costs O(n log n) and ~1 s for a million.
 */
public final class CidrFeedGenerator {
  private static final long[] POOL_BASE = {0xF000_0000L, 0x0A00_0000L, 0x6440_0000L, 0xC612_0000L};
  private static final int[] POOL_BITS = {4, 8, 10, 15};

  private CidrFeedGenerator() {}

  /** {@code count} distinct IPv4 CIDR strings in canonical form (host bits clear). */
  public static List<String> ipv4(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] packed = new long[0];
    int n = 0;
    while (n < count) {
      // Over-generate by 5%, then drop duplicates; repeat in the unlikely case of too many.
      int want = (int) ((count - n) * 1.05) + 16;
      long[] more = Arrays.copyOf(packed, n + want);
      for (int i = n; i < more.length; i++) {
        more[i] = next(rnd);
      }
      Arrays.sort(more);
      n = dedupe(more);
      packed = more;
    }
    long[] chosen = Arrays.copyOf(packed, n);
    shuffle(chosen, rnd);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(format(chosen[i]));
    }
    return out;
  }

  /**
   * The {@code i}-th host CIDR of 203.0.113.0/24 (TEST-NET-3), which {@link #ipv4} never
   * produces: adding it to a feed adds exactly one covering member.
   */
  public static String outsideAddress(int i) {
    return "203.0.113." + (i & 0xFF) + "/32";
  }

  private static long next(SplittableRandom rnd) {
    double p = rnd.nextDouble();
    int pool = p < 0.58 ? 0 : p < 0.88 ? 1 : p < 0.98 ? 2 : 3;
    long addr = POOL_BASE[pool] | (rnd.nextLong() & ((1L << (32 - POOL_BITS[pool])) - 1));
    double l = rnd.nextDouble();
    int len = l < 0.75 ? 32 : l < 0.89 ? 28 + rnd.nextInt(4) : l < 0.9995 ? 24 + rnd.nextInt(4) : 20 + rnd.nextInt(4);
    len = Math.max(len, POOL_BITS[pool]);
    long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
    return ((addr & mask) << 8) | len;
  }

  private static int dedupe(long[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n;
  }

  private static void shuffle(long[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static String format(long packed) {
    long a = packed >>> 8;
    return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF) + "/" + (packed & 0xFF);
  }
}
