package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import java.util.Arrays;

/**
 * Exact, constant-time membership for a big set of disjoint IPv4 prefixes: a table indexed by
 * the address's bytes, so that a lookup is a few dependent array reads and no search, however
 * big or dense the set (a binary search over a million members, or over the 10,000 workload
 * addresses of one /16, misses the cache and the branch predictor a dozen times). The levels are
 * laid out so that an address that is not near any member costs one read that hits the cache,
 * and one that is costs one read that misses it (the flows of a busy node hit random parts of a
 * big set, so every read past the first two is usually a trip to memory):
 *
 * <ul>
 *   <li>Summary, two bits per /16 (16 KiB, small enough to stay cached): empty, covered (a
 *       member of length ≤ 16), or refined. Most addresses are in no member's /16 at all.
 *   <li>Level 1, per refined /16: the number of a level-2 block, or of a dense bitmap. Only the
 *       entries of refined /16s are read, and those sit together (a set's members cluster).
 *   <li>Dense bitmap (8 KiB, one bit per address of the /16): for a /16 whose /24s would need
 *       at least {@link #DENSE_BITMAPS} bitmaps of their own, i.e. where it costs at most about
 *       twice the memory of the level-2 layout. One read.
 *   <li>Level 2, per other refined /16, 256 entries, one per /24: empty, covered (length
 *       17–24), one or two members of length 25–32 stored inline (start byte and length each),
 *       or the number of a 256-bit bitmap of the /24's addresses (three or more members). One
 *       read, and a second one for a bitmap.
 * </ul>
 *
 * <p>Memory: 16 KiB of summary, 256 KiB of level 1, 1 KiB per sparse /16 and 32 bytes per /24
 * with three or more long members in it, 8 KiB per dense /16 (the 1M-CIDR block list of the
 * benchmarks: about 10 MB). Built in O(n) from the sorted members. Immutable and thread-safe;
 * {@link #contains} is allocation-free.
 */
final class Ipv4PrefixTable implements AddressSet {
  /** A /16 whose /24s need this many bitmaps gets one bitmap for the whole /16 instead. */
  static final int DENSE_BITMAPS = 96;

  private static final int SUMMARY_EMPTY = 0;
  private static final int SUMMARY_COVERED = 1;
  private static final int SUMMARY_REFINED = 2;

  private static final int EMPTY = 0;
  private static final int COVERED = -1;
  /**
   * Marks inline members in a level-2 entry: {@code INLINE | [SECOND | b << 11 |] a}, where a
   * member is {@code start << 3 | (length - 25)} (11 bits). Never equal to {@link #COVERED}.
   */
  private static final int INLINE = Integer.MIN_VALUE;
  private static final int SECOND = 1 << 22;
  private static final int WORDS_PER_DENSE = (1 << 16) / 64;

  /** Two bits per /16, 32 per long: SUMMARY_EMPTY, SUMMARY_COVERED or SUMMARY_REFINED. */
  private final long[] summary = new long[(1 << 16) / 32];
  /** Per refined /16: 1 + the level-2 block number, or -2 - the dense bitmap number. */
  private final int[] level1;
  /** Blocks of 256 entries: EMPTY, COVERED, INLINE members, or 1 + the bitmap number. */
  private final int[] level2;
  /** Bitmaps of a /24, four longs each. */
  private final long[] bitmaps;
  /** Bitmaps of a whole /16, {@link #WORDS_PER_DENSE} longs each. */
  private final long[] dense;

  Ipv4PrefixTable(DisjointCidrs set) {
    if (set.family() != IpFamily.V4) {
      throw new IllegalArgumentException("not an IPv4 set");
    }
    Builder b = new Builder();
    for (int i = 0; i < set.size(); i++) {
      Cidr c = set.get(i);
      b.add((int) (c.hi() >>> 32), c.length());
    }
    Layout l = b.layout();
    level1 = l.level1;
    level2 = l.level2;
    bitmaps = l.bitmaps;
    dense = l.dense;
    for (int slash16 = 0; slash16 < level1.length; slash16++) {
      int e = level1[slash16];
      long state = e == EMPTY ? SUMMARY_EMPTY : e == COVERED ? SUMMARY_COVERED : SUMMARY_REFINED;
      summary[slash16 >>> 5] |= state << ((slash16 & 31) << 1);
    }
  }

  @Override
  public boolean contains(long addrHi, long addrLo) {
    int addr = (int) (addrHi >>> 32);
    int slash16 = addr >>> 16;
    int state = (int) (summary[slash16 >>> 5] >>> ((slash16 & 31) << 1)) & 3;
    if (state != SUMMARY_REFINED) {
      return state == SUMMARY_COVERED;
    }
    int e = level1[slash16];
    if (e < 0) {
      int low16 = addr & 0xFFFF;
      return (dense[(-2 - e) * WORDS_PER_DENSE + (low16 >>> 6)] & (1L << low16)) != 0;
    }
    e = level2[(e - 1) * 256 + ((addr >>> 8) & 0xFF)];
    if (e == EMPTY || e == COVERED) {
      return e == COVERED;
    }
    int low = addr & 0xFF;
    if (e < 0) {
      return holds(e, low) || (e & SECOND) != 0 && holds(e >>> 11, low);
    }
    return (bitmaps[(e - 1) * 4 + (low >>> 6)] & (1L << low)) != 0;
  }

  /** Whether the inline member in the low 11 bits of {@code m} holds the address's last byte. */
  private static boolean holds(int m, int low) {
    int len = 25 + (m & 7);
    return (low & (0xFF << (32 - len)) & 0xFF) == ((m >>> 3) & 0xFF);
  }

  private static int member(int start, int len) {
    return start << 3 | (len - 25);
  }

  /** Sets the bits of the addresses {@code start .. start + 2^(32 - len) - 1} from word {@code at}. */
  private static void setBits(long[] words, int at, int start, int len) {
    for (int a = start; a < start + (1 << (32 - len)); a++) {
      words[at + (a >>> 6)] |= 1L << a;
    }
  }

  private record Layout(int[] level1, int[] level2, long[] bitmaps, long[] dense) {}

  /** The growing levels while the table is built (every refined /16 as a level-2 block). */
  private static final class Builder {
    final int[] level1 = new int[1 << 16];
    int[] level2 = new int[256 * 16];
    long[] bitmaps = new long[4 * 16];
    int blocks;
    int maps;

    /** Adds one member; members are disjoint, so no entry is both covered and refined. */
    void add(int addr, int len) {
      int slash16 = addr >>> 16;
      if (len <= 16) {
        Arrays.fill(level1, slash16, slash16 + (1 << (16 - len)), COVERED);
        return;
      }
      if (level1[slash16] == EMPTY) {
        if ((blocks + 1) * 256 > level2.length) {
          level2 = Arrays.copyOf(level2, level2.length * 2);
        }
        level1[slash16] = 1 + blocks++;
      }
      int at = (level1[slash16] - 1) * 256 + ((addr >>> 8) & 0xFF);
      if (len <= 24) {
        Arrays.fill(level2, at, at + (1 << (24 - len)), COVERED);
        return;
      }
      int start = addr & 0xFF;
      int e = level2[at];
      if (e == EMPTY) {
        level2[at] = INLINE | member(start, len);
        return;
      }
      if (e < 0 && (e & SECOND) == 0) {
        level2[at] = e | SECOND | member(start, len) << 11;
        return;
      }
      if (e < 0) {
        // A third member in this /24: move all into a bitmap.
        if ((maps + 1) * 4 > bitmaps.length) {
          bitmaps = Arrays.copyOf(bitmaps, bitmaps.length * 2);
        }
        int map = maps++;
        inlineToBits(e, bitmaps, map * 4);
        level2[at] = 1 + map;
        e = 1 + map;
      }
      setBits(bitmaps, (e - 1) * 4, start, len);
    }

    /** The final arrays: /16s with many bitmaps become dense, the others are copied compactly. */
    Layout layout() {
      int[] l1 = level1.clone();
      int denseCount = 0;
      int sparseBlocks = 0;
      int sparseMaps = 0;
      boolean[] isDense = new boolean[1 << 16];
      for (int slash16 = 0; slash16 < l1.length; slash16++) {
        if (l1[slash16] > 0) {
          int maps16 = mapsIn(l1[slash16] - 1);
          isDense[slash16] = maps16 >= DENSE_BITMAPS;
          denseCount += isDense[slash16] ? 1 : 0;
          sparseBlocks += isDense[slash16] ? 0 : 1;
          sparseMaps += isDense[slash16] ? 0 : maps16;
        }
      }
      int[] l2 = new int[sparseBlocks * 256];
      long[] maps2 = new long[sparseMaps * 4];
      long[] dense = new long[denseCount * WORDS_PER_DENSE];
      int nextBlock = 0;
      int nextMap = 0;
      int nextDense = 0;
      for (int slash16 = 0; slash16 < l1.length; slash16++) {
        if (l1[slash16] <= 0) {
          continue;
        }
        int from = (l1[slash16] - 1) * 256;
        if (isDense[slash16]) {
          int at = nextDense++ * WORDS_PER_DENSE;
          for (int slash24 = 0; slash24 < 256; slash24++) {
            int e = level2[from + slash24];
            int words = at + slash24 * 4;
            if (e == COVERED) {
              Arrays.fill(dense, words, words + 4, -1L);
            } else if (e < 0) {
              inlineToBits(e, dense, words);
            } else if (e > 0) {
              System.arraycopy(bitmaps, (e - 1) * 4, dense, words, 4);
            }
          }
          l1[slash16] = -2 - (at / WORDS_PER_DENSE);
        } else {
          int to = nextBlock++ * 256;
          for (int slash24 = 0; slash24 < 256; slash24++) {
            int e = level2[from + slash24];
            if (e > 0) {
              System.arraycopy(bitmaps, (e - 1) * 4, maps2, nextMap * 4, 4);
              e = 1 + nextMap++;
            }
            l2[to + slash24] = e;
          }
          l1[slash16] = 1 + to / 256;
        }
      }
      return new Layout(l1, l2, maps2, dense);
    }

    private int mapsIn(int block) {
      int n = 0;
      for (int i = block * 256; i < block * 256 + 256; i++) {
        n += level2[i] > 0 ? 1 : 0;
      }
      return n;
    }

    /** Sets the bits of the inline members of entry {@code e} in the four words from {@code at}. */
    private static void inlineToBits(int e, long[] words, int at) {
      setBits(words, at, (e >>> 3) & 0xFF, 25 + (e & 7));
      if ((e & SECOND) != 0) {
        setBits(words, at, (e >>> 14) & 0xFF, 25 + ((e >>> 11) & 7));
      }
    }
  }
}
