package io.selvedge.dataplane;

/**
 * The packet-mark bits Selvedge uses, allocated lowest-first from the configured mask as Felix
 * does (spec §4.8): {@code accept} (a policy or profile allowed the packet; also carries an
 * untracked or preDNAT allow to the filter hooks) and {@code pass} (a Pass rule skipped the rest
 * of the tier). With Felix's default mask {@code 0xffff0000} they are {@code 0x10000} and
 * {@code 0x20000}. Selvedge needs no drop or scratch bits: Deny rules drop directly, and rules
 * with several alternatives use chains instead of scratch bits (see {@link RuleRenderer}).
 * Immutable.
 */
public record MarkBits(long accept, long pass) {

    public MarkBits {
        if (Long.bitCount(accept) != 1 || Long.bitCount(pass) != 1 || accept == pass
                || ((accept | pass) & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("accept and pass must be two distinct single bits of 32");
        }
    }

    /** The two lowest set bits of {@code mask}. */
    public static MarkBits fromMask(long mask) {
        long a = Long.lowestOneBit(mask);
        long p = Long.lowestOneBit(mask & ~a);
        return new MarkBits(a, p);
    }

    /** Both bits. */
    public long both() {
        return accept | pass;
    }

    /** {@code 0x...} as nft writes a mark operand. */
    static String hex(long bits) {
        return "0x" + Long.toHexString(bits);
    }

    /** The 32-bit complement of {@code bits}, for {@code meta mark set meta mark & ~bits}. */
    static String clearMask(long bits) {
        return hex(~bits & 0xFFFF_FFFFL);
    }
}
