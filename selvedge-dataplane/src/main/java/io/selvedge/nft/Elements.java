package io.selvedge.nft;

import java.util.List;

/**
 * Elements of one set or map, as one {@code add|create|delete element} statement. The list is
 * copied once (references only; a million elements cost about 4 MB for the copy). An empty list
 * renders nothing and changes nothing.
 */
public record Elements(Table table, String set, List<Element> elements) implements NftObject {

    public Elements {
        ScriptText.identifier("set name", set);
        elements = List.copyOf(elements);
    }

    /** Elements of a set given as keys. */
    public static Elements of(NftSet set, List<? extends Value> keys) {
        return new Elements(set.table(), set.name(), keys.stream().map(Element::of).toList());
    }

    /** Elements of a map. */
    public static Elements of(NftMap map, List<Element> elements) {
        return new Elements(map.table(), map.name(), elements);
    }
}
