package io.selvedge.nft;

/** Addresses that can be walked more than once without being held as objects (a big set's elements). */
@FunctionalInterface
public interface AddressSource {
    /** Calls {@code v} once per address, in any order. */
    void forEach(AddressVisitor v);
}
