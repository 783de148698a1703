package io.selvedge.nft;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A named set: key type (one or more {@link DataType}s; more than one is a concatenation),
 * flags, optional comment. Elements are added by {@link Elements} operations.
 *
 * <p>Performance note (nft 1.0.6): every {@code add/delete element} statement makes nft read all
 * elements of every non-concatenated {@code interval} set in the network namespace back from the
 * kernel first, which is quadratic in their size. Keep interval sets small; see
 * {@code docs/design/ip-sets.md}.
 */
public record NftSet(Table table, String name, List<DataType> key, Set<SetFlag> flags, Optional<String> comment)
        implements NftObject {

    public NftSet {
        ScriptText.identifier("set name", name);
        key = List.copyOf(key);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        comment = comment.map(ScriptText::comment);
        if (key.isEmpty() || key.contains(DataType.VERDICT)) {
            throw new IllegalArgumentException("set " + name + " needs a key type other than verdict");
        }
    }

    /** A set without flags. */
    public static NftSet of(Table table, String name, DataType... key) {
        return new NftSet(table, name, List.of(key), Set.of(), Optional.empty());
    }

    /** A set with {@code flags interval}. */
    public static NftSet interval(Table table, String name, DataType... key) {
        return new NftSet(table, name, List.of(key), Set.of(SetFlag.INTERVAL), Optional.empty());
    }

    /** True with {@code flags interval}. */
    public boolean isInterval() {
        return flags.contains(SetFlag.INTERVAL);
    }
}
