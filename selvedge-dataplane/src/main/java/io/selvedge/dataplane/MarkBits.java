package io.selvedge.dataplane;

/**
 * The packet-mark bits Selvedge uses, allocated lowest-first from the configured mask as Felix
 * does (spec §4.8): {@code accept} (a policy or profile allowed the packet; also carries an
 * untracked or preDNAT allow to the filter hooks), {@code pass} (a Pass rule skipped the rest
 * of the tier) and {@code logged} (a Log rule logged the packet, so its flow's verdict must not
 * be remembered: Calico logs every packet that reaches a Log rule; see {@link FlowCache}). With
 * Felix's default mask {@code 0xffff0000} they are {@code 0x10000}, {@code 0x20000} and
 * {@code 0x40000}. Selvedge needs no drop or scratch bits: Deny rules drop directly, and rules
 * with several alternatives use chains instead of scratch bits (see {@link RuleRenderer}).
 * Immutable.
 */
public record MarkBits(long accept, long pass, long logged) {

    public MarkBits {
        if (Long.bitCount(accept) != 1 || Long.bitCount(pass) != 1 || Long.bitCount(logged) != 1
                || Long.bitCount(accept | pass | logged) != 3 || ((accept | pass | logged) & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("accept, pass and logged must be three distinct single bits of 32");
        }
    }

    /** The three lowest set bits of {@code mask}. */
    public static MarkBits fromMask(long mask) {
        long a = Long.lowestOneBit(mask);
        long p = Long.lowestOneBit(mask & ~a);
        long l = Long.lowestOneBit(mask & ~a & ~p);
        return new MarkBits(a, p, l);
    }

    /** The accept and pass bits (what an endpoint chain clears before its tiers). */
    public long both() {
        return accept | pass;
    }

    /** All three bits (what the start of a packet's path clears). */
    public long all() {
        return accept | pass | logged;
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
