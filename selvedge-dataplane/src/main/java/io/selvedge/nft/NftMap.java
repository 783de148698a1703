package io.selvedge.nft;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A named map {@code key : value}, e.g. a verdict map {@code ifname : verdict} for dispatch by
 * interface. Shares the set namespace of its table (a set and a map cannot have the same name).
 * Wildcard interface keys ({@code "cali*"}) need {@link SetFlag#INTERVAL} in nft 1.0.6.
 */
public record NftMap(Table table, String name, List<DataType> key, DataType value, Set<SetFlag> flags,
                     Optional<String> comment) implements NftObject {

    public NftMap {
        ScriptText.identifier("map name", name);
        key = List.copyOf(key);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        comment = comment.map(ScriptText::comment);
        if (key.isEmpty() || key.contains(DataType.VERDICT)) {
            throw new IllegalArgumentException("map " + name + " needs a key type other than verdict");
        }
    }

    /** {@code type ifname : verdict} with the given flags. */
    public static NftMap verdictMap(Table table, String name, DataType key, SetFlag... flags) {
        return new NftMap(table, name, List.of(key), DataType.VERDICT,
                flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), Optional.empty());
    }

    /** True with {@code flags interval}. */
    public boolean isInterval() {
        return flags.contains(SetFlag.INTERVAL);
    }
}
