package io.selvedge.nft;

import java.util.Optional;

/** A chain: regular (reached by jump/goto/vmap) or base (attached to a hook). */
public record Chain(Table table, String name, Optional<BaseChain> base, Optional<String> comment) implements NftObject {

    public Chain {
        ScriptText.identifier("chain name", name);
        comment = comment.map(ScriptText::comment);
    }

    /** A regular chain. */
    public static Chain regular(Table table, String name) {
        return new Chain(table, name, Optional.empty(), Optional.empty());
    }

    /** A base chain. */
    public static Chain base(Table table, String name, BaseChain base) {
        return new Chain(table, name, Optional.of(base), Optional.empty());
    }

    /** This chain with a comment (sanitised). */
    public Chain withComment(String text) {
        return new Chain(table, name, base, Optional.of(text));
    }
}
