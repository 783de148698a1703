package io.selvedge.dataplane;

import io.selvedge.engine.IpSetKey;
import io.selvedge.nft.Chain;
import io.selvedge.nft.NftMap;
import io.selvedge.nft.NftSet;
import io.selvedge.nft.Rule;
import io.selvedge.nft.Table;
import io.selvedge.nft.Value;
import io.selvedge.nft.Verdict;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code table inet selvedge} should hold, as the {@link Renderer} computed it: every chain
 * with its rules, every dispatch map with its elements, and every set with a description of its
 * elements. Element lists of big sets are not materialised here: a {@link SetContent.PrefixLength}
 * names the IP set and the member lengths it holds, and its elements are produced from the
 * members when a transaction needs them.
 *
 * <p>Two rulesets compare by value (chains and their rules, map elements, set definitions and
 * contents), which is how the {@link Syncer} finds what changed. Immutable (the referenced member
 * stores belong to the syncer or to a one-off render).
 *
 * @param chains chains by name, each with its rules in order
 * @param maps verdict maps by name
 * @param sets sets by name
 * @param problems what could not be rendered and why (skipped endpoints, members nft cannot hold)
 */
public final class Ruleset {

    /** The table Selvedge owns. */
    public static final Table TABLE = new Table(io.selvedge.nft.Family.INET, "selvedge");

    private final SortedMap<String, ChainContent> chains;
    private final SortedMap<String, MapContent> maps;
    private final SortedMap<String, SetSpec> sets;
    private final List<String> problems;
    private final Map<IpSetKey, IpSetMembers> members;

    Ruleset(SortedMap<String, ChainContent> chains, SortedMap<String, MapContent> maps, SortedMap<String, SetSpec> sets,
            List<String> problems, Map<IpSetKey, IpSetMembers> members) {
        this.chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
        this.maps = Collections.unmodifiableSortedMap(new TreeMap<>(maps));
        this.sets = Collections.unmodifiableSortedMap(new TreeMap<>(sets));
        this.problems = List.copyOf(problems);
        this.members = Collections.unmodifiableMap(members);
    }

    /** Chains by name, each with its rules in order. */
    public SortedMap<String, ChainContent> chains() {
        return chains;
    }

    /** Verdict maps by name. */
    public SortedMap<String, MapContent> maps() {
        return maps;
    }

    /** Sets by name. */
    public SortedMap<String, SetSpec> sets() {
        return sets;
    }

    /** What could not be rendered and why (skipped endpoints, members nft cannot hold). */
    public List<String> problems() {
        return problems;
    }

    /** The member stores set contents are produced from (current at render time). */
    Map<IpSetKey, IpSetMembers> members() {
        return members;
    }

    /** A chain and its rules (without handles). */
    public record ChainContent(Chain chain, List<Rule> rules) {
        public ChainContent {
            rules = List.copyOf(rules);
        }
    }

    /** A verdict map {@code ifname : verdict} and its elements by interface name. */
    public record MapContent(NftMap map, SortedMap<String, Verdict> elements) {
        public MapContent {
            elements = Collections.unmodifiableSortedMap(new TreeMap<>(elements));
        }
    }

    /** A set's definition and content. */
    public record SetSpec(NftSet set, SetContent content) {
    }

    /** Where a set's elements come from. */
    public sealed interface SetContent {

        /** Elements listed in full (small sets: named ports). */
        record Literal(List<Value> elements) implements SetContent {
            public Literal {
                elements = List.copyOf(elements);
            }
        }

        /**
         * The members of {@code key} whose prefix length is one of {@code sources}, expanded to
         * network addresses of {@code storedLength} (see {@link IpSetLayout}).
         */
        record PrefixLength(IpSetKey key, int storedLength, List<Integer> sources, long elementCount) implements SetContent {
            public PrefixLength {
                sources = List.copyOf(sources);
            }
        }

        /**
         * The gate of {@code key}'s members ({@link IpSetLayout.Gate}): the network addresses of
         * length {@code pivot} of the prefixes that hold a member whose length is one of
         * {@code gatedSources}. {@code elementCount} is an upper bound.
         */
        record GateKeys(IpSetKey key, int pivot, List<Integer> gatedSources, long elementCount) implements SetContent {
            public GateKeys {
                gatedSources = List.copyOf(gatedSources);
            }
        }

        /** How many elements (for gate sets: at most); the records with a count override this. */
        default long elementCount() {
            return ((Literal) this).elements().size();
        }

        /** The IP set whose members the elements come from; null for literal contents. */
        default IpSetKey memberKey() {
            return this instanceof PrefixLength p ? p.key() : this instanceof GateKeys g ? g.key() : null;
        }

        /**
         * Whether {@code o} describes the same elements of the same members (counts aside), so
         * that the member change log turns one into the other; never for literal contents.
         */
        default boolean sameSource(SetContent o) {
            if (this instanceof PrefixLength p && o instanceof PrefixLength q) {
                return p.key().equals(q.key()) && p.storedLength() == q.storedLength() && p.sources().equals(q.sources());
            }
            return this instanceof GateKeys g && o instanceof GateKeys h
                    && g.key().equals(h.key()) && g.pivot() == h.pivot() && g.gatedSources().equals(h.gatedSources());
        }
    }

    /** Total rules. */
    public int ruleCount() {
        return chains.values().stream().mapToInt(c -> c.rules().size()).sum();
    }

    /** Total set elements (as the layout counts them). */
    public long elementCount() {
        long n = 0;
        for (SetSpec s : sets.values()) {
            n += s.content().elementCount();
        }
        return n;
    }

    /** Equal chains, maps and sets (problems and member stores are not compared). */
    public boolean sameObjects(Ruleset o) {
        return chains.equals(o.chains) && maps.equals(o.maps) && sets.equals(o.sets);
    }
}
