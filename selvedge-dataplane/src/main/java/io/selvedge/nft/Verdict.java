package io.selvedge.nft;

import java.util.Optional;

/**
 * A verdict as a map value or rule statement: accept, drop, return, continue, or jump/goto a
 * chain of the same table (the chain name is checked as an identifier).
 */
public record Verdict(Kind kind, Optional<String> chain) implements Value {

    /** The verdict kinds. */
    public enum Kind {
        ACCEPT("accept"), DROP("drop"), RETURN("return"), CONTINUE("continue"), JUMP("jump"), GOTO("goto");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /** The nft keyword. */
        public String keyword() {
            return keyword;
        }
    }

    public static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, Optional.empty());
    public static final Verdict DROP = new Verdict(Kind.DROP, Optional.empty());
    public static final Verdict RETURN = new Verdict(Kind.RETURN, Optional.empty());
    public static final Verdict CONTINUE = new Verdict(Kind.CONTINUE, Optional.empty());

    public Verdict {
        boolean needsChain = kind == Kind.JUMP || kind == Kind.GOTO;
        if (needsChain != chain.isPresent()) {
            throw new IllegalArgumentException(kind.keyword() + (needsChain ? " needs a chain" : " takes no chain"));
        }
        chain.ifPresent(c -> ScriptText.identifier("chain name", c));
    }

    /** {@code jump chain}. */
    public static Verdict jump(String chain) {
        return new Verdict(Kind.JUMP, Optional.of(chain));
    }

    /** {@code goto chain}. */
    public static Verdict goTo(String chain) {
        return new Verdict(Kind.GOTO, Optional.of(chain));
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append(kind.keyword());
        chain.ifPresent(c -> sb.append(' ').append(c));
    }

    @Override
    public boolean fits(DataType type) {
        return type == DataType.VERDICT;
    }
}
