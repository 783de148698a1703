package io.selvedge.nft;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rule in a chain: a {@link RuleBody}, an optional comment (sanitised; Selvedge puts
 * tier/policy/rule index there) and, for {@code replace} and {@code delete}, the kernel's handle.
 */
public record Rule(Table table, String chain, RuleBody body, Optional<String> comment, OptionalLong handle)
        implements NftObject {

    public Rule {
        ScriptText.identifier("chain name", chain);
        comment = comment.map(ScriptText::comment);
        if (handle.isPresent() && handle.getAsLong() <= 0) {
            throw new IllegalArgumentException("rule handle must be positive");
        }
    }

    /** A rule to append or insert. */
    public static Rule of(Chain chain, RuleBody body) {
        return new Rule(chain.table(), chain.name(), body, Optional.empty(), OptionalLong.empty());
    }

    /** A rule to append or insert, with a comment. */
    public static Rule of(Chain chain, RuleBody body, String comment) {
        return new Rule(chain.table(), chain.name(), body, Optional.of(comment), OptionalLong.empty());
    }

    /** The rule with this handle, to delete. */
    public static Rule handle(Chain chain, long handle) {
        return new Rule(chain.table(), chain.name(), RuleBody.of("continue"), Optional.empty(), OptionalLong.of(handle));
    }

    /** This rule addressed by a handle (for replace). */
    public Rule withHandle(long h) {
        return new Rule(table, chain, body, comment, OptionalLong.of(h));
    }
}
