package io.selvedge.nft;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs transactions against an nftables ruleset and reads back small facts about one table.
 * Implementations: {@link ExecNft} (the real {@code nft} binary) and {@link FakeNft} (in memory).
 *
 * <p>Reads are deliberately small (names, comments, handles, counters) and, except
 * {@link #listRules}, cheap whatever the sets hold. There is no way to read set
 * contents: on nft 1.0.6 that costs minutes for large interval sets, and the caller owns the
 * desired state anyway.
 */
public interface Nft {

    /**
     * Applies every operation of {@code tx}, or none of them.
     *
     * @throws NftException with the kind, nft's message and the failing script line; nothing changed
     */
    void run(Transaction tx);

    /**
     * Adds {@code addresses} to the plain address set {@code set} (type {@code ipv4_addr} or
     * {@code ipv6_addr}), which must exist. Not atomic with anything else and, for big sets, not
     * even by itself: use it to fill a set no rule refers to yet. The default runs one
     * transaction; {@link ExecNft} writes to the kernel over netlink where it can.
     *
     * @return how many elements were added
     * @throws NftException if refused (the set may then hold some of them)
     */
    default long addElements(NftSet set, AddressSource addresses) {
        boolean v4 = set.key().equals(List.of(DataType.IPV4_ADDR));
        List<Element> elements = new java.util.ArrayList<>();
        addresses.forEach((hi, lo) -> elements.add(Element.of(v4 ? Ipv4Prefix.host((int) lo) : new Ipv6Prefix(hi, lo, 128))));
        if (!elements.isEmpty()) {
            run(new Transaction().add(new Elements(set.table(), set.name(), elements)));
        }
        return elements.size();
    }

    /** Names of the chains of {@code table}, in nft's listing order. @throws NftException NOT_FOUND if there is no such table */
    List<String> listChains(Table table);

    /**
     * The chains of {@code table} with their comments, in nft's listing order (cheap: no rules,
     * no set elements). The default knows no comments: callers then trust no record kept in one.
     *
     * @throws NftException NOT_FOUND if there is no such table
     */
    default Map<String, Optional<String>> chainComments(Table table) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        listChains(table).forEach(c -> out.put(c, Optional.empty()));
        return out;
    }

    /** Names of the sets and maps of {@code table}. @throws NftException NOT_FOUND if there is no such table */
    List<String> listSets(Table table);

    /** The rules of one chain with handles and counters. @throws NftException NOT_FOUND if table or chain is missing */
    List<RuleInfo> listRules(Table table, String chain);

    /** True if the table exists. */
    boolean hasTable(Table table);
}
