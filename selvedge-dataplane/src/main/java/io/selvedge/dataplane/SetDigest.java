package io.selvedge.dataplane;

import io.selvedge.nft.IpPrefix;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a big set holds, in 32 bytes: the element count and the sum (mod 2^64) of a keyed hash
 * (SipHash-2-4 under a random 128-bit key chosen when the set is loaded) of every element. The
 * {@link Syncer} keeps it in the comment of an empty chain beside the set ({@link #chainName}),
 * written in the same transaction as every change of the set's elements, so the kernel's record
 * always describes what the set holds. On a restart the syncer compares the desired content's
 * digest under the recorded key with the record and keeps a set that matches instead of loading
 * it again ({@code nft list chains} reads the records in milliseconds; reading 1.35M elements back
 * would take nft 1.0.6 tens of seconds).
 *
 * <p>Why keyed and summed: a sum is updated per changed element (a 1,000-CIDR delta costs 1,000
 * hashes, not a pass over the set); the secret key (readable only by root, in the record) keeps
 * anyone who shapes the datastore's content from crafting a different content with the same sum,
 * which an unkeyed sum would allow. Two different contents collide with probability 2^-64.
 *
 * <p>What it cannot see: elements changed in the kernel by hand behind the agent's back (the record
 * is not re-derived from the kernel). Deleting the record chains (or the table) makes the next
 * start load every set again.
 *
 * <p>Mutable accumulator; not thread-safe.
 */
final class SetDigest {

    /** Sets with at least this many elements get a record (smaller ones are cheap to reload). */
    static final long RECORD_MIN_ELEMENTS = 1024;

    private static final String CHAIN_PREFIX = "digest-";
    private static final String FORMAT = "selvedge set digest v1 k=%016x%016x s=%016x n=%d";
    private static final Pattern PARSE = Pattern.compile("selvedge set digest v1 k=([0-9a-f]{16})([0-9a-f]{16}) s=([0-9a-f]{16}) n=(\\d{1,18})");

    private final long k0;
    private final long k1;
    private long sum;
    private long count;

    private SetDigest(long k0, long k1, long sum, long count) {
        this.k0 = k0;
        this.k1 = k1;
        this.sum = sum;
        this.count = count;
    }

    /** An empty digest under a new random key. */
    static SetDigest fresh(RandomGenerator random) {
        return new SetDigest(random.nextLong(), random.nextLong(), 0, 0);
    }

    /** An empty digest under this one's key (to digest a desired content for comparison). */
    SetDigest emptyWithSameKey() {
        return new SetDigest(k0, k1, 0, 0);
    }

    SetDigest copy() {
        return new SetDigest(k0, k1, sum, count);
    }

    /** The name of the empty chain whose comment records the digest of set {@code setName}. */
    static String chainName(String setName) {
        return CHAIN_PREFIX + setName;
    }

    /** True for names made by {@link #chainName}. */
    static boolean isRecordChain(String chainName) {
        return chainName.startsWith(CHAIN_PREFIX);
    }

    void add(long hi, long lo) {
        sum += sipHash24(k0, k1, hi, lo);
        count++;
    }

    void remove(long hi, long lo) {
        sum -= sipHash24(k0, k1, hi, lo);
        count--;
    }

    void add(IpPrefix element) {
        add(element.firstHi(), element.firstLo());
    }

    void remove(IpPrefix element) {
        remove(element.firstHi(), element.firstLo());
    }

    long count() {
        return count;
    }

    /** Same key, same count, same sum. */
    boolean sameAs(SetDigest o) {
        return k0 == o.k0 && k1 == o.k1 && sum == o.sum && count == o.count;
    }

    /** The record's text (a chain comment: ASCII, under nft's 128 bytes). */
    String comment() {
        return String.format(FORMAT, k0, k1, sum, count);
    }

    /** Parses {@link #comment()}; empty for anything else. */
    static Optional<SetDigest> parse(String comment) {
        Matcher m = PARSE.matcher(comment);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SetDigest(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                Long.parseUnsignedLong(m.group(3), 16), Long.parseLong(m.group(4))));
    }

    @Override
    public String toString() {
        return "SetDigest[n=" + count + "]";   // the key stays out of logs
    }

    /**
     * SipHash-2-4 of the 16-byte message {@code hi, lo} (two little-endian 64-bit words). Plain
     * locals, no arrays: the agent runs on C1, which does not remove allocations, and a restart
     * hashes every element of every big set.
     */
    static long sipHash24(long k0, long k1, long hi, long lo) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        // the three 64-bit blocks: hi, lo, then the length block (16 << 56); two rounds each
        for (int block = 0; block < 3; block++) {
            long m = block == 0 ? hi : block == 1 ? lo : 16L << 56;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
