package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.dataplane.Ruleset.MapContent;
import io.selvedge.dataplane.Ruleset.SetContent;
import io.selvedge.dataplane.Ruleset.SetSpec;
import io.selvedge.engine.IpFamily;
import io.selvedge.nft.Chain;
import io.selvedge.nft.Element;
import io.selvedge.nft.Elements;
import io.selvedge.nft.IfName;
import io.selvedge.nft.Ipv4Prefix;
import io.selvedge.nft.Ipv6Prefix;
import io.selvedge.nft.Transaction;
import io.selvedge.nft.Value;
import io.selvedge.nft.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the one transaction of a flush: either a whole-table replacement, or the difference
 * between the programmed and the desired {@link Ruleset}, ordered so that every object exists
 * before it is used and is deleted only after its last use:
 *
 * <ol>
 *   <li>new sets with all their elements; element deltas of kept sets (deletes, then adds);
 *       kept sets whose content changed shape are flushed and refilled;</li>
 *   <li>new maps; new chains (empty, so that rules may jump to any of them);</li>
 *   <li>changed chains are flushed; changed and new chains get their rules;</li>
 *   <li>map element deltas (removed and changed keys deleted, then new values added);</li>
 *   <li>removed chains are flushed, then removed maps deleted, then removed chains deleted;</li>
 *   <li>removed sets are deleted.</li>
 * </ol>
 *
 * Element deltas of a kept prefix-length set come from the member stores' change logs (members
 * added and removed since the last commit, expanded to the stored length), never from reading
 * the set back. Counts what it emitted for the {@link FlushReport}. Not thread-safe.
 */
final class TransactionPlanner {

    /** What a plan contains, for reports. */
    static final class Counts {
        int setsAdded;
        int setsRemoved;
        int setsReloaded;
        long elementsAdded;
        long elementsRemoved;
        int chainsAdded;
        int chainsReplaced;
        int chainsRemoved;
        int mapElementsChanged;
    }

    private TransactionPlanner() {
    }

    /** {@code add table; delete table; add table;} and everything: one atomic replacement. */
    static Transaction replaceTable(Ruleset r) {
        return replaceTable(r, new Counts());
    }

    static Transaction replaceTable(Ruleset r, Counts counts) {
        Transaction tx = new Transaction().add(Ruleset.TABLE).delete(Ruleset.TABLE).add(Ruleset.TABLE);
        for (SetSpec s : r.sets().values()) {
            tx.add(s.set());
            counts.elementsAdded += addAll(tx, r, s);
            counts.setsAdded++;
        }
        for (MapContent m : r.maps().values()) {
            tx.add(m.map());
        }
        for (ChainContent c : r.chains().values()) {
            tx.add(c.chain());
            counts.chainsAdded++;
        }
        for (ChainContent c : r.chains().values()) {
            c.rules().forEach(tx::add);
        }
        for (MapContent m : r.maps().values()) {
            tx.add(Elements.of(m.map(), mapElements(m.elements().keySet(), m)));
        }
        return tx;
    }

    /** The transaction from {@code old} (programmed) to {@code now} (desired); empty if nothing changed. */
    static Transaction delta(Ruleset old, Ruleset now, Counts counts) {
        Transaction tx = new Transaction();
        // 1. sets
        for (SetSpec s : now.sets().values()) {
            SetSpec before = old.sets().get(s.set().name());
            if (before == null) {
                tx.add(s.set());
                counts.elementsAdded += addAll(tx, now, s);
                counts.setsAdded++;
            } else {
                if (!before.set().equals(s.set())) {
                    tx.add(s.set());
                }
                elementDelta(tx, now, before, s, counts);
            }
        }
        // 2. new maps and chains
        for (MapContent m : now.maps().values()) {
            if (!old.maps().containsKey(m.map().name())) {
                tx.add(m.map());
            }
        }
        List<ChainContent> changed = new ArrayList<>();
        for (ChainContent c : now.chains().values()) {
            ChainContent before = old.chains().get(c.chain().name());
            if (before == null) {
                tx.add(c.chain());
                changed.add(c);
                counts.chainsAdded++;
            } else if (!before.equals(c)) {
                if (!before.chain().equals(c.chain())) {
                    tx.add(c.chain());   // a base chain's policy; the fake and nft update it in place
                }
                tx.flush(c.chain());
                changed.add(c);
                counts.chainsReplaced++;
            }
        }
        // 3. rules of new and changed chains
        for (ChainContent c : changed) {
            c.rules().forEach(tx::add);
        }
        // 4. map elements
        for (MapContent m : now.maps().values()) {
            MapContent before = old.maps().get(m.map().name());
            if (before == null) {
                tx.add(Elements.of(m.map(), mapElements(m.elements().keySet(), m)));
                counts.mapElementsChanged += m.elements().size();
                continue;
            }
            Set<String> gone = new LinkedHashSet<>();
            Set<String> fresh = new LinkedHashSet<>();
            before.elements().forEach((k, v) -> {
                if (!v.equals(m.elements().get(k))) {
                    gone.add(k);
                }
            });
            m.elements().forEach((k, v) -> {
                if (!v.equals(before.elements().get(k))) {
                    fresh.add(k);
                }
            });
            if (!gone.isEmpty()) {
                tx.delete(new Elements(Ruleset.TABLE, m.map().name(), gone.stream().map(k -> Element.of(IfName.of(k))).toList()));
            }
            if (!fresh.isEmpty()) {
                tx.add(Elements.of(m.map(), mapElements(fresh, m)));
            }
            counts.mapElementsChanged += gone.size() + fresh.size();
        }
        // 5. removed chains (flushed first: they may jump to each other), removed maps, then the chains
        List<Chain> removedChains = new ArrayList<>();
        for (ChainContent c : old.chains().values()) {
            if (!now.chains().containsKey(c.chain().name())) {
                removedChains.add(c.chain());
                if (!c.rules().isEmpty()) {
                    tx.flush(c.chain());
                }
            }
        }
        for (MapContent m : old.maps().values()) {
            if (!now.maps().containsKey(m.map().name())) {
                tx.delete(m.map());
            }
        }
        for (Chain c : removedChains) {
            tx.delete(c);
            counts.chainsRemoved++;
        }
        // 6. removed sets
        for (SetSpec s : old.sets().values()) {
            if (!now.sets().containsKey(s.set().name())) {
                tx.delete(s.set());
                counts.setsRemoved++;
            }
        }
        return tx;
    }

    private static void elementDelta(Transaction tx, Ruleset now, SetSpec before, SetSpec s, Counts counts) {
        if (s.content() instanceof SetContent.Literal lit) {
            List<Value> was = before.content() instanceof SetContent.Literal b ? b.elements() : null;
            if (was == null) {
                reload(tx, now, s, counts);
                return;
            }
            Set<Value> wasSet = new HashSet<>(was);
            Set<Value> nowSet = new HashSet<>(lit.elements());
            List<Value> gone = was.stream().filter(v -> !nowSet.contains(v)).toList();
            List<Value> fresh = lit.elements().stream().filter(v -> !wasSet.contains(v)).toList();
            emit(tx, s, gone, fresh, counts);
            return;
        }
        SetContent.PrefixLength p = (SetContent.PrefixLength) s.content();
        IpSetMembers members = now.members().get(p.key());
        boolean sameShape = before.content() instanceof SetContent.PrefixLength b && b.key().equals(p.key())
                && b.storedLength() == p.storedLength() && b.sources().equals(p.sources());
        if (!sameShape || members.isReset()) {
            reload(tx, now, s, counts);
            return;
        }
        Set<Value> removed = new HashSet<>();
        Set<Value> added = new HashSet<>();
        for (int l : p.sources()) {
            members.forEachRemoved(l, (hi, lo) -> expand(p.key().family(), hi, lo, l, p.storedLength(), removed));
            members.forEachAdded(l, (hi, lo) -> expand(p.key().family(), hi, lo, l, p.storedLength(), added));
        }
        List<Value> gone = removed.stream().filter(v -> !added.contains(v)).toList();
        List<Value> fresh = added.stream().filter(v -> !removed.contains(v)).toList();
        emit(tx, s, gone, fresh, counts);
    }

    private static void emit(Transaction tx, SetSpec s, List<Value> gone, List<Value> fresh, Counts counts) {
        if (!gone.isEmpty()) {
            tx.delete(Elements.of(s.set(), gone));
            counts.elementsRemoved += gone.size();
        }
        if (!fresh.isEmpty()) {
            tx.add(Elements.of(s.set(), fresh));
            counts.elementsAdded += fresh.size();
        }
    }

    private static void reload(Transaction tx, Ruleset now, SetSpec s, Counts counts) {
        tx.flush(s.set());
        counts.elementsAdded += addAll(tx, now, s);
        counts.setsReloaded++;
    }

    /** Adds every element of {@code s}; returns how many. */
    private static long addAll(Transaction tx, Ruleset r, SetSpec s) {
        List<Element> elements;
        if (s.content() instanceof SetContent.Literal lit) {
            elements = lit.elements().stream().map(Element::of).toList();
        } else {
            SetContent.PrefixLength p = (SetContent.PrefixLength) s.content();
            IpSetMembers members = Objects.requireNonNull(r.members().get(p.key()), () -> "no members of " + p.key());
            List<Element> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, p.elementCount()));
            // straight to elements: a million-member load makes one object per element, not three
            java.util.AbstractCollection<Value> sink = new java.util.AbstractCollection<>() {
                @Override
                public boolean add(Value v) {
                    return out.add(Element.of(v));
                }

                @Override
                public java.util.Iterator<Value> iterator() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int size() {
                    return out.size();
                }
            };
            for (int l : p.sources()) {
                members.forEachMember(l, (hi, lo) -> expand(p.key().family(), hi, lo, l, p.storedLength(), sink));
            }
            elements = out;
        }
        if (!elements.isEmpty()) {
            tx.add(new Elements(s.set().table(), s.set().name(), elements));
        }
        return elements.size();
    }

    /**
     * The {@code 2^(stored - length)} addresses of length {@code stored} inside the member
     * {@code hi:lo/length} (engine bit layout), as host values of the set's type.
     */
    static void expand(IpFamily f, long hi, long lo, int length, int stored, java.util.Collection<Value> out) {
        long n = 1L << (stored - length);
        int s = f.bits() - stored;   // bit position of the stored prefix's last bit, from the right
        for (long i = 0; i < n; i++) {
            long h = hi;
            long l = lo;
            if (f == IpFamily.V4) {
                h |= i << (32 + s);
                out.add(Ipv4Prefix.host((int) (h >>> 32)));
            } else {
                if (s >= 64) {
                    h |= i << (s - 64);
                } else {
                    l |= i << s;
                    if (s > 0) {
                        h |= i >>> (64 - s);
                    }
                }
                out.add(new Ipv6Prefix(h, l, 128));
            }
        }
    }

    private static List<Element> mapElements(Set<String> keys, MapContent m) {
        List<Element> out = new ArrayList<>();
        for (String k : keys) {
            Verdict v = m.elements().get(k);
            out.add(Element.mapping(IfName.of(k), v));
        }
        return out;
    }
}
