package io.selvedge.nft;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A named set: key type (one or more {@link DataType}s; more than one is a concatenation),
 * flags, an optional maximum size, optional comment. Elements are added by {@link Elements}
 * operations.
 *
 * <p>{@code size}: with a size, the kernel picks a fixed-size hash for plain sets, which loads
 * about twice as fast as the resizable one at a million elements (docs/benchmarks.md), but an
 * element beyond the size is refused ("Too many open files in system", kind OTHER). Re-adding
 * the set with another size changes it.
 *
 * <p>Performance note (nft 1.0.6): every {@code add/delete element} statement makes nft read all
 * elements of every non-concatenated {@code interval} set in the network namespace back from the
 * kernel first, which is quadratic in their size. Keep interval sets small; see
 * {@code docs/design/ip-sets.md}.
 */
public record NftSet(Table table, String name, List<DataType> key, Set<SetFlag> flags, OptionalInt size,
                     Optional<String> comment) implements NftObject {

    public NftSet {
        ScriptText.identifier("set name", name);
        key = List.copyOf(key);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        comment = comment.map(ScriptText::comment);
        if (key.isEmpty() || key.contains(DataType.VERDICT)) {
            throw new IllegalArgumentException("set " + name + " needs a key type other than verdict");
        }
        if (size.isPresent() && size.getAsInt() <= 0) {
            throw new IllegalArgumentException("set " + name + " size must be positive");
        }
    }

    /** A set without flags. */
    public static NftSet of(Table table, String name, DataType... key) {
        return new NftSet(table, name, List.of(key), Set.of(), OptionalInt.empty(), Optional.empty());
    }

    /** A set with {@code flags interval}. */
    public static NftSet interval(Table table, String name, DataType... key) {
        return new NftSet(table, name, List.of(key), Set.of(SetFlag.INTERVAL), OptionalInt.empty(), Optional.empty());
    }

    /** This set with a maximum size. */
    public NftSet withSize(int max) {
        return new NftSet(table, name, key, flags, OptionalInt.of(max), comment);
    }

    /** True with {@code flags interval}. */
    public boolean isInterval() {
        return flags.contains(SetFlag.INTERVAL);
    }
}
