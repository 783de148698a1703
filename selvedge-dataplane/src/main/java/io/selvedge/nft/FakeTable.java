package io.selvedge.nft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FakeNft's state of one table: chains with their rules, sets and maps, the handle counter. */
final class FakeTable {

    /** A chain and its rules (each with the handle the fake kernel gave it). */
    static final class FakeChain {
        Chain definition;
        final List<Long> handles = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();

        FakeChain(Chain definition) {
            this.definition = definition;
        }
    }

    final Table table;
    final Map<String, FakeChain> chains = new LinkedHashMap<>();
    final Map<String, FakeSet> sets = new LinkedHashMap<>();
    long nextHandle = 1;

    FakeTable(Table table) {
        this.table = table;
    }

    /** Where {@code chain} is the target of a jump/goto in another chain, or of a map element; null if nowhere. */
    String referrerOf(String chain) {
        for (FakeChain c : chains.values()) {
            if (c.definition.name().equals(chain)) {
                continue;
            }
            for (Rule r : c.rules) {
                if (r.body().chainReferences().contains(chain)) {
                    return "a rule in chain " + c.definition.name();
                }
            }
        }
        for (FakeSet s : sets.values()) {
            if (s.refersToChain(chain)) {
                return "map " + s.name;
            }
        }
        return null;
    }

    /** The first chain with a rule that reads {@code set}, or null. */
    String userOf(String set) {
        for (FakeChain c : chains.values()) {
            for (Rule r : c.rules) {
                if (r.body().setReferences().contains(set)) {
                    return c.definition.name();
                }
            }
        }
        return null;
    }
}
