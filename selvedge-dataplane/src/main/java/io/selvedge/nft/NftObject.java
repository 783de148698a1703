package io.selvedge.nft;

/**
 * What a {@link Transaction} operation acts on. Every object lives in one {@link Table}.
 * Immutable records; names are checked identifiers and comments are sanitised on construction.
 */
public sealed interface NftObject permits Table, Chain, Rule, NftSet, NftMap, Elements {

    /** The table this object is in (a table returns itself). */
    Table table();
}
