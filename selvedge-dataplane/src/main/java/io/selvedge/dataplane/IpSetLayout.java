package io.selvedge.dataplane;

import io.selvedge.engine.IpFamily;
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
 * <p>A big set may also get a {@link Gate}: two sets keyed by one pivot length that answer
 * most lookups, instead of one hash lookup per stored length (see {@link Gate}).
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

    /** An IPv6 gate's pivot is at most /64: its keys are the high 64 bits ({@link PrefixCounts}). */
    static final int MAX_PIVOT_V6 = 64;
    /** Stored lengths at most this many bits shorter than the pivot are folded into the covered set (at most 4 keys per element). */
    static final int MAX_FOLD_BITS = 2;

    /**
     * A two-lookup path through a big set, for rules that test membership and then act (the
     * deny-list case; {@code docs/design/ip-sets.md}, "Gates"). Two plain sets keyed by the packet
     * address masked to the {@code pivot} length: the covered set (the members of the folded
     * stored lengths, expanded to the pivot: a packet there is a member) and the gate set (the
     * pivot prefixes holding a member longer than the pivot: only a packet there needs the
     * {@code gated} lengths, tested in a chain behind the gate). An address in no member costs two
     * lookups, plus one per {@code separate} stored length (shorter than the pivot by more than
     * {@value #MAX_FOLD_BITS} bits, so folding them would multiply their elements), instead of one
     * per stored length. Gate keys are not in the covered set: members never overlap. IPv6 pivots
     * are /64 or shorter; an IPv6 list typically has many lengths above it, all behind the gate.
     *
     * <p>Chosen only when it saves at least one lookup for an address in no member (estimated as
     * if addresses were uniform: a gate key is hit with probability gate keys / 2^pivot).
     *
     * @param pivot the key length of both sets
     * @param folded stored lengths in the covered set (the pivot, and those at most {@value #MAX_FOLD_BITS} bits shorter)
     * @param coveredSources member lengths in the covered set
     * @param separate stored lengths shorter than the folded ones, still tested one by one
     * @param gated stored lengths longer than the pivot, tested behind the gate
     * @param gatedSources member lengths whose pivot prefixes are gate keys
     * @param coveredKeys elements of the covered set
     * @param maxGateKeys elements of the gate set, at most (the exact count needs a pass over the members)
     * @param coveredSet the covered set's name (the pivot's own set when nothing is folded into it)
     * @param coveredSizeLog2 log2 of its declared size
     * @param gateSet the gate set's name
     * @param gateSizeLog2 log2 of its declared size
     */
    record Gate(int pivot, List<Integer> folded, List<Integer> coveredSources, List<Integer> separate, List<Integer> gated,
                List<Integer> gatedSources, long coveredKeys, long maxGateKeys, String coveredSet, int coveredSizeLog2,
                String gateSet, int gateSizeLog2) {
        Gate {
            folded = List.copyOf(folded);
            coveredSources = List.copyOf(coveredSources);
            separate = List.copyOf(separate);
            gated = List.copyOf(gated);
            gatedSources = List.copyOf(gatedSources);
        }
    }

    private final IpSetKey key;
    private final List<StoredLength> stored;
    private final Gate gate;

    private IpSetLayout(IpSetKey key, List<StoredLength> stored, Gate gate) {
        this.key = key;
        this.stored = List.copyOf(stored);
        this.gate = gate;
    }

    /** Plans the layout of {@code key} from its member count per prefix length, without a gate. */
    static IpSetLayout plan(IpSetKey key, long[] countPerLength, double budget) {
        return plan(key, countPerLength, budget, Long.MAX_VALUE);
    }

    /** Plans the layout of {@code key}; a gate if the set holds at least {@code gateMinElements} elements and it pays. */
    static IpSetLayout plan(IpSetKey key, long[] countPerLength, double budget, long gateMinElements) {
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
        Gate gate = total >= gateMinElements ? bestGate(key, out) : null;
        return new IpSetLayout(key, out, gate);
    }

    /**
     * The gate with the fewest expected lookups for an address in no member, if it saves at least
     * one over testing every stored length: {@code separate + 2 + P(gate key) x gated}, where a
     * random address lands on a gate key with probability {@code gate keys / 2^pivot}. Ties: fewer
     * map keys. {@code stored} is longest first.
     */
    private static Gate bestGate(IpSetKey key, List<StoredLength> stored) {
        Gate best = null;
        double bestCost = stored.size() - 1;   // must save a lookup at least
        for (StoredLength p : stored) {
            int pivot = p.length();
            if (pivot == 0 || (key.family() == IpFamily.V6 && pivot > MAX_PIVOT_V6)) {
                continue;
            }
            List<Integer> folded = new ArrayList<>();
            List<Integer> coveredSources = new ArrayList<>();
            List<Integer> separate = new ArrayList<>();
            List<Integer> gated = new ArrayList<>();
            List<Integer> gatedSources = new ArrayList<>();
            long covered = 0;
            long gateKeys = 0;
            for (StoredLength s : stored) {
                if (s.length() > pivot) {
                    gated.add(s.length());
                    gatedSources.addAll(s.sources());
                    gateKeys += s.elements();
                } else if (pivot - s.length() <= MAX_FOLD_BITS) {
                    folded.add(s.length());
                    coveredSources.addAll(s.sources());
                    covered += s.elements() << (pivot - s.length());
                } else {
                    separate.add(s.length());
                }
            }
            double space = Math.scalb(1.0, pivot);   // addresses of length pivot
            gateKeys = (long) Math.min(gateKeys, space);
            double cost = separate.size() + 2 + gated.size() * Math.min(1.0, gateKeys / space);
            boolean fewerKeys = best != null && covered + gateKeys < best.coveredKeys() + best.maxGateKeys();
            if (cost < bestCost || (cost == bestCost && fewerKeys)) {
                coveredSources.sort(null);
                gatedSources.sort(null);
                bestCost = cost;
                int coveredLog2 = sizeLog2(covered);
                String coveredSet = folded.size() == 1 ? p.setName() : ChainNames.coveredSet(key, pivot, coveredLog2);
                int gateLog2 = sizeLog2(gateKeys);
                best = new Gate(pivot, folded, coveredSources, separate, gated, gatedSources, covered, gateKeys, coveredSet,
                        coveredLog2, ChainNames.gateSet(key, pivot, gateLog2), gateLog2);
            }
        }
        return best;
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

    /** The gate, or null if rules test every stored length. */
    Gate gate() {
        return gate;
    }

    /** True when a stored length is 0: every address is a member. */
    boolean matchesEverything() {
        return !stored.isEmpty() && stored.get(stored.size() - 1).length() == 0;
    }

    @Override
    public String toString() {
        return "IpSetLayout[" + key + " " + stored + (gate == null ? "" : " " + gate) + "]";
    }
}
