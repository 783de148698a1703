package io.selvedge.nft;

/**
 * What an operation does. {@code ADD} is idempotent for tables, chains, sets, maps and
 * elements already present with the same definition; {@code CREATE} fails with
 * {@link NftException.Kind#ALREADY_EXISTS} instead. {@code INSERT} puts a rule first in its chain;
 * {@code REPLACE} and {@code DELETE} of a rule need its handle. {@code FLUSH} empties a table
 * (rules of all its chains), a chain (its rules), or a set or map (its elements).
 */
public enum Verb {
    ADD("add"), CREATE("create"), INSERT("insert"), REPLACE("replace"), DELETE("delete"), FLUSH("flush");

    private final String keyword;

    Verb(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
