package io.selvedge.dataplane;

import io.selvedge.engine.IpSetKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * How one selector IP set (one family) is laid out in nft, per {@code docs/design/ip-sets.md}:
 * one plain hash set per <em>stored</em> prefix length, never an interval set. A member
 * {@code a/l} is stored at the stored length {@code L >= l} its length maps to, as the
 * {@code 2^(L-l)} network addresses of length {@code L} inside it (controlled prefix expansion,
 * CPE), and a packet matches the IP set when {@code addr & mask(L)} is in the set of some stored
 * length {@code L}.
 *
 * <p>The plan is a pure function of the member count per length (so a from-scratch render and
 * an incrementally synced table always agree): starting from one stored length per length
 * present, it greedily folds the length whose expansion into the next longer present length adds
 * the fewest elements, while the total grows by at most the budget (and never by more than
 * 2^{@value #MAX_EXPANSION_BITS} per member). Each set is declared with {@code size} = the power
 * of two at least twice its elements (at least 2^{@value #MIN_SIZE_LOG2}); the size is part of the
 * set's name, so a set whose element count crosses a power of two is created anew under its new
 * name (with all its elements) in the same transaction, and the rules that use it are replaced.
 *
 * <p>Immutable and thread-safe. O(number of lengths²) to plan.
 */
final class IpSetLayout {

    /** Smallest declared size: 2^10 = 1024. */
    static final int MIN_SIZE_LOG2 = 10;
    /** Largest declared size: 2^30 (nft sizes are 32-bit; the kernel refuses far less anyway). */
    static final int MAX_SIZE_LOG2 = 30;
    /** CPE never expands a member into more than 2^16 elements. */
    static final int MAX_EXPANSION_BITS = 16;

    /**
     * One stored length: its hash set and the member lengths it holds.
     *
     * @param length the stored prefix length
     * @param sources member prefix lengths stored here, ascending (includes {@code length} if present)
     * @param elements element count
     * @param sizeLog2 log2 of the declared size
     * @param setName the nft set's name
     */
    record StoredLength(int length, List<Integer> sources, long elements, int sizeLog2, String setName) {
        StoredLength {
            sources = List.copyOf(sources);
        }
    }

    private final IpSetKey key;
    private final List<StoredLength> stored;

    private IpSetLayout(IpSetKey key, List<StoredLength> stored) {
        this.key = key;
        this.stored = List.copyOf(stored);
    }

    /** Plans the layout of {@code key} from its member count per prefix length. */
    static IpSetLayout plan(IpSetKey key, long[] countPerLength, double budget) {
        TreeMap<Integer, Long> eff = new TreeMap<>();
        int[] target = new int[countPerLength.length];
        Arrays.fill(target, -1);
        long total0 = 0;
        for (int l = 0; l < countPerLength.length; l++) {
            if (countPerLength[l] > 0) {
                eff.put(l, countPerLength[l]);
                target[l] = l;
                total0 += countPerLength[l];
            }
        }
        double limit = total0 * (1 + budget);
        long total = total0;
        while (eff.size() > 1) {
            long bestCost = Long.MAX_VALUE;
            int bestA = -1;
            int bestB = -1;
            Integer prev = null;
            for (int b : eff.keySet()) {
                if (prev != null && b - prev <= MAX_EXPANSION_BITS) {
                    long cost = saturatingMul(eff.get(prev), (1L << (b - prev)) - 1);
                    if (cost < bestCost) {   // ascending a, b: the first minimum has the smallest (a, b)
                        bestCost = cost;
                        bestA = prev;
                        bestB = b;
                    }
                }
                prev = b;
            }
            if (bestA < 0 || total + (double) bestCost > limit) {
                break;
            }
            total += bestCost;
            eff.put(bestB, eff.get(bestB) + (eff.get(bestA) << (bestB - bestA)));
            eff.remove(bestA);
            for (int l = 0; l < target.length; l++) {
                if (target[l] == bestA) {
                    target[l] = bestB;
                }
            }
        }
        List<StoredLength> out = new ArrayList<>();
        for (int len : eff.descendingKeySet()) {
            List<Integer> sources = new ArrayList<>();
            for (int l = 0; l < target.length; l++) {
                if (target[l] == len) {
                    sources.add(l);
                }
            }
            long elements = eff.get(len);
            int sizeLog2 = sizeLog2(elements);
            out.add(new StoredLength(len, sources, elements, sizeLog2, ChainNames.ipSet(key, len, sizeLog2)));
        }
        return new IpSetLayout(key, out);
    }

    /** log2 of the declared size for {@code elements}: the power of two >= 2 x elements, at least 1024. */
    static int sizeLog2(long elements) {
        int log2 = 64 - Long.numberOfLeadingZeros(Math.max(1, 2 * elements - 1));
        return Math.min(MAX_SIZE_LOG2, Math.max(MIN_SIZE_LOG2, log2));
    }

    private static long saturatingMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    IpSetKey key() {
        return key;
    }

    /** The stored lengths, longest first (the order rules test them in). */
    List<StoredLength> stored() {
        return stored;
    }

    /** True when the set has no members in this family. */
    boolean isEmpty() {
        return stored.isEmpty();
    }

    /** True when a stored length is 0: every address is a member. */
    boolean matchesEverything() {
        return !stored.isEmpty() && stored.get(stored.size() - 1).length() == 0;
    }

    @Override
    public String toString() {
        return "IpSetLayout[" + key + " " + stored + "]";
    }
}
