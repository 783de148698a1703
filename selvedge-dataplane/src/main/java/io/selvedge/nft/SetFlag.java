package io.selvedge.nft;

/** Flags of a set or map declaration. */
public enum SetFlag {
    CONSTANT("constant"), INTERVAL("interval"), TIMEOUT("timeout"), DYNAMIC("dynamic");

    private final String keyword;

    SetFlag(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
