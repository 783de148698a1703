package io.selvedge.nft;

/**
 * Receives addresses as two longs: IPv4 in the low 32 bits of {@code lo} ({@code hi} is 0),
 * IPv6 as the high and low 64 bits.
 */
@FunctionalInterface
public interface AddressVisitor {
    void visit(long hi, long lo);
}
