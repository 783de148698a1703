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
import io.selvedge.nft.IpPrefix;
import io.selvedge.nft.Ipv4Prefix;
import io.selvedge.nft.Ipv6Prefix;
import io.selvedge.nft.Nft;
import io.selvedge.nft.Transaction;
import io.selvedge.nft.Value;
import io.selvedge.nft.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

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
        int setsKept;
        int preloads;
        long elementsAdded;
        long elementsRemoved;
        int chainsAdded;
        int chainsReplaced;
        int chainsRemoved;
        int mapElementsChanged;
    }

    private TransactionPlanner() {
    }

    /**
     * What the kernel's table holds, by name only (read with listings that fetch no set elements):
     * enough to replace the table's contents in place, and the digest records of its big sets.
     *
     * @param exists whether the table exists at all
     * @param chains its chains (base and regular, record chains included)
     * @param setsAndMaps its sets and maps
     * @param digests the parsed digest records, by set name (see {@link SetDigest})
     * @param flowGeneration the flow cache's recorded generation (see {@link FlowCache}), if any
     */
    record Existing(boolean exists, java.util.Set<String> chains, java.util.Set<String> setsAndMaps, Map<String, SetDigest> digests,
                    java.util.OptionalLong flowGeneration) {
        static final Existing NONE = new Existing(false, java.util.Set.of(), java.util.Set.of(), Map.of(), java.util.OptionalLong.empty());

        Existing {
            chains = java.util.Set.copyOf(chains);
            setsAndMaps = java.util.Set.copyOf(setsAndMaps);
            digests = Map.copyOf(digests);
        }
    }

    /**
     * A whole-table replacement in place: {@code preloads} (run first, possibly in parallel: each
     * creates big sets the table does not have yet, with their elements and digest records; no
     * rule refers to them, so they change no verdict), then {@code tx}, the one transaction that
     * switches every rule, map and chain over. {@code digests} are the records the table holds
     * after both.
     */
    record Replacement(List<Preload> preloads, Transaction tx, Map<String, SetDigest> digests) {
    }

    /**
     * One preload: big sets the table does not hold yet, created empty, filled through
     * {@link Nft#addElements} (over netlink with the real nft: no nft parsing of a million
     * elements), then given their digest records. A record is written only after its set is
     * complete, so a crash midway leaves a set without a record, which the next start reloads.
     * {@link #digests}, {@link #elements} and {@link #operations} are filled by {@link #run}; one
     * thread per preload.
     */
    static final class Preload {
        private final Ruleset ruleset;
        private final List<SetSpec> sets = new ArrayList<>();
        private final Set<String> staleRecords;
        private final Map<String, SetDigest> digests = new HashMap<>();
        private long elements;
        private int operations;

        private Preload(Ruleset ruleset, Set<String> staleRecords) {
            this.ruleset = ruleset;
            this.staleRecords = staleRecords;
        }

        void run(Nft nft, RandomGenerator random) {
            Transaction create = new Transaction().add(Ruleset.TABLE);
            for (SetSpec s : sets) {
                create.add(s.set());
                String record = SetDigest.chainName(s.set().name());
                if (staleRecords.contains(record)) {
                    create.delete(Chain.regular(Ruleset.TABLE, record));
                }
            }
            nft.run(create);
            Transaction records = new Transaction();
            for (SetSpec s : sets) {
                elements += nft.addElements(s.set(), v -> forEachElement(ruleset, s.content(), v));
                // digested in a walk of its own: addElements may walk the source twice (netlink,
                // then nft after a netlink failure midway)
                SetDigest d = digestOf(ruleset, s.content(), SetDigest.fresh(random));
                writeRecord(records, s.set().name(), d, false);
                digests.put(s.set().name(), d);
            }
            nft.run(records);
            operations = create.operations().size() + sets.size() + records.operations().size();
        }

        Map<String, SetDigest> digests() {
            return digests;
        }

        long elements() {
            return elements;
        }

        int operations() {
            return operations;
        }
    }

    /**
     * {@code add table; delete table; add table;} and everything: replaces whatever table there is
     * in one transaction. It re-registers the base chains' hooks; {@link #replaceInPlace} does not
     * and is what the syncer uses when the table exists (this is its fallback, and the form for
     * tools and tests that start from nothing).
     */
    static Transaction replaceTable(Ruleset r) {
        return replaceTable(r, new Counts(), new HashMap<>(), new java.util.Random());
    }

    static Transaction replaceTable(Ruleset r, Counts counts, Map<String, SetDigest> digests, RandomGenerator random) {
        Transaction tx = new Transaction().add(Ruleset.TABLE).delete(Ruleset.TABLE).add(Ruleset.TABLE);
        addEverything(tx, r, counts, Set.of(), Set.of(), digests, random);
        return tx;
    }

    /**
     * Replaces the contents of an existing table without deleting it: flush every chain's rules
     * ({@code flush table}), delete the maps, sets and chains that are not wanted, flush the wanted
     * ones that exist, then add everything. Base chains stay attached to their hooks, and rule and
     * element changes take effect together at commit, so there is no moment without policy. A
     * wanted base chain that exists with another hook or priority makes nft refuse the transaction
     * (the caller then falls back to {@link #replaceTable}).
     *
     * <p>Big sets ({@link SetDigest#RECORD_MIN_ELEMENTS} elements or more) are not reloaded when
     * the table already holds them with a digest record equal to the desired content's (a restart
     * with unchanged data reloads nothing), and those the table does not hold yet are loaded by
     * up to {@code preloadGroups} separate preload transactions (0: none, everything in {@code tx}).
     */
    static Replacement replaceInPlace(Ruleset r, Existing existing, Counts counts, int preloadGroups, RandomGenerator random) {
        Map<String, SetDigest> digests = new HashMap<>();
        Set<String> kept = new HashSet<>();
        List<SetSpec> toPreload = new ArrayList<>();
        for (SetSpec s : r.sets().values()) {
            String name = s.set().name();
            if (!wantsRecord(s)) {
                continue;
            }
            SetDigest record = existing.digests().get(name);
            if (existing.setsAndMaps().contains(name) && record != null
                    && record.sameAs(digestOf(r, s.content(), record.emptyWithSameKey()))) {
                kept.add(name);
                digests.put(name, record);
                counts.setsKept++;
            } else if (!existing.setsAndMaps().contains(name) && preloadGroups > 0) {
                toPreload.add(s);
            }
        }
        List<Preload> preloads = preloads(r, toPreload, preloadGroups, existing);
        counts.setsAdded += toPreload.size();
        Set<String> preloaded = new HashSet<>();
        toPreload.forEach(s -> preloaded.add(s.set().name()));
        Set<String> recordsToKeep = new HashSet<>();   // of kept sets, and those the preloads (re)write
        kept.forEach(name -> recordsToKeep.add(SetDigest.chainName(name)));
        preloaded.forEach(name -> recordsToKeep.add(SetDigest.chainName(name)));

        Transaction tx = new Transaction().add(Ruleset.TABLE);
        if (existing.exists()) {
            tx.flush(Ruleset.TABLE);
            // maps first: their verdicts refer to chains
            for (String name : new java.util.TreeSet<>(existing.setsAndMaps())) {
                if (r.maps().containsKey(name)) {
                    tx.flush(r.maps().get(name).map());
                } else if (r.sets().containsKey(name)) {
                    if (!kept.contains(name)) {
                        tx.flush(r.sets().get(name).set());
                    }
                } else {
                    // unknown to this ruleset: set or map? nft's delete needs the right keyword
                    tx.op(io.selvedge.nft.Verb.DELETE, unknownSetOrMap(name));
                    counts.setsRemoved++;
                }
            }
            for (String name : new java.util.TreeSet<>(existing.chains())) {
                if (!r.chains().containsKey(name) && !recordsToKeep.contains(name)) {
                    tx.delete(io.selvedge.nft.Chain.regular(Ruleset.TABLE, name));
                    if (!SetDigest.isRecordChain(name) && !name.equals(FlowCache.RECORD_CHAIN)) {
                        counts.chainsRemoved++;
                    }
                }
            }
        }
        addEverything(tx, r, counts, kept, preloaded, digests, random);
        return new Replacement(preloads, tx, digests);
    }

    /** Preloads of {@code sets} (new to the table), balanced by element count. */
    private static List<Preload> preloads(Ruleset r, List<SetSpec> sets, int groups, Existing existing) {
        if (sets.isEmpty()) {
            return List.of();
        }
        List<Preload> out = new ArrayList<>();
        long[] load = new long[Math.min(groups, sets.size())];
        for (int i = 0; i < load.length; i++) {
            out.add(new Preload(r, existing.chains()));
        }
        List<SetSpec> biggestFirst = new ArrayList<>(sets);
        biggestFirst.sort(java.util.Comparator.comparingLong((SetSpec s) -> -s.content().elementCount())
                .thenComparing(s -> s.set().name()));
        for (SetSpec s : biggestFirst) {
            int g = 0;
            for (int i = 1; i < load.length; i++) {
                if (load[i] < load[g]) {
                    g = i;
                }
            }
            out.get(g).sets.add(s);
            load[g] += s.content().elementCount();
        }
        return out;
    }

    /** The digest of the desired elements of a big set ({@code content} from members) under {@code into}'s key. */
    private static SetDigest digestOf(Ruleset r, SetContent content, SetDigest into) {
        forEachElement(r, content, into::add);
        return into;
    }

    /** Each element of a set whose content comes from members, raw (see {@link #expandRaw}). */
    private static void forEachElement(Ruleset r, SetContent content, io.selvedge.nft.AddressVisitor v) {
        if (content instanceof SetContent.GateKeys g) {
            GateKeyElements.forEach(members(r, g.key()), g, v);
            return;
        }
        SetContent.PrefixLength p = (SetContent.PrefixLength) content;
        IpSetMembers members = members(r, p.key());
        for (int l : p.sources()) {
            members.forEachMember(l, (hi, lo) -> expandRaw(p.key().family(), hi, lo, l, p.storedLength(), v));
        }
    }

    private static IpSetMembers members(Ruleset r, io.selvedge.engine.IpSetKey key) {
        return Objects.requireNonNull(r.members().get(key), () -> "no members of " + key);
    }

    /** Writes (or rewrites) the digest record of set {@code setName}. */
    private static void writeRecord(Transaction tx, String setName, SetDigest d, boolean recordExists) {
        io.selvedge.nft.Chain record = io.selvedge.nft.Chain.regular(Ruleset.TABLE, SetDigest.chainName(setName));
        if (recordExists) {
            tx.delete(record);   // a chain's comment cannot be changed in place
        }
        tx.add(record.withComment(d.comment()));
    }

    private static io.selvedge.nft.NftObject unknownSetOrMap(String name) {
        // Everything Selvedge names a map ends in "-dispatch"; anything else it created is a set.
        return name.endsWith("-dispatch")
                ? io.selvedge.nft.NftMap.verdictMap(Ruleset.TABLE, name, io.selvedge.nft.DataType.IFNAME)
                : io.selvedge.nft.NftSet.of(Ruleset.TABLE, name, io.selvedge.nft.DataType.IPV4_ADDR);
    }

    private static void addEverything(Transaction tx, Ruleset r, Counts counts, Set<String> kept, Set<String> preloaded,
                                      Map<String, SetDigest> digests, RandomGenerator random) {
        for (SetSpec s : r.sets().values()) {
            String name = s.set().name();
            if (kept.contains(name) || preloaded.contains(name)) {
                continue;
            }
            tx.add(s.set());
            SetDigest d = wantsRecord(s) ? SetDigest.fresh(random) : null;
            counts.elementsAdded += addAll(tx, r, s, d);
            counts.setsAdded++;
            if (d != null) {
                writeRecord(tx, name, d, false);   // any old record was deleted earlier in the transaction
                digests.put(name, d);
            }
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
    }

    private static boolean wantsRecord(SetSpec s) {
        return !(s.content() instanceof SetContent.Literal) && s.content().elementCount() >= SetDigest.RECORD_MIN_ELEMENTS;
    }

    /** The transaction from {@code old} (programmed) to {@code now} (desired); empty if nothing changed. */
    static Transaction delta(Ruleset old, Ruleset now, Counts counts) {
        return delta(old, now, counts, new HashMap<>(), new java.util.Random());
    }

    /**
     * As {@link #delta(Ruleset, Ruleset, Counts)}, keeping the big sets' digest records (by set
     * name; updated in place, with copies) in step with their elements in the same transaction.
     */
    static Transaction delta(Ruleset old, Ruleset now, Counts counts, Map<String, SetDigest> digests, RandomGenerator random) {
        Transaction tx = new Transaction();
        // 1. sets
        for (SetSpec s : now.sets().values()) {
            SetSpec before = old.sets().get(s.set().name());
            if (before == null) {
                tx.add(s.set());
                SetDigest d = wantsRecord(s) ? SetDigest.fresh(random) : null;
                counts.elementsAdded += addAll(tx, now, s, d);
                counts.setsAdded++;
                if (d != null) {
                    writeRecord(tx, s.set().name(), d, false);
                    digests.put(s.set().name(), d);
                }
            } else {
                if (!before.set().equals(s.set())) {
                    tx.add(s.set());
                }
                elementDelta(tx, now, before, s, counts, digests, random);
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
                if (digests.remove(s.set().name()) != null) {
                    tx.delete(io.selvedge.nft.Chain.regular(Ruleset.TABLE, SetDigest.chainName(s.set().name())));
                }
            }
        }
        return tx;
    }

    private static void elementDelta(Transaction tx, Ruleset now, SetSpec before, SetSpec s, Counts counts,
                                     Map<String, SetDigest> digests, RandomGenerator random) {
        if (s.content() instanceof SetContent.Literal lit) {
            List<Value> was = before.content() instanceof SetContent.Literal b ? b.elements() : null;
            if (was == null) {
                reload(tx, now, s, counts, digests, random);
                return;
            }
            Set<Value> wasSet = new HashSet<>(was);
            Set<Value> nowSet = new HashSet<>(lit.elements());
            List<Value> gone = was.stream().filter(v -> !nowSet.contains(v)).toList();
            List<Value> fresh = lit.elements().stream().filter(v -> !wasSet.contains(v)).toList();
            emit(tx, s, gone, fresh, counts);
            return;
        }
        if (!before.content().sameSource(s.content()) || members(now, s.content().memberKey()).isReset()) {
            reload(tx, now, s, counts, digests, random);
            return;
        }
        List<Value> gone;
        List<Value> fresh;
        if (s.content() instanceof SetContent.GateKeys g) {
            GateKeyElements.Change change = GateKeyElements.change(members(now, g.key()), g);
            gone = change.gone();
            fresh = change.fresh();
        } else {
            SetContent.PrefixLength p = (SetContent.PrefixLength) s.content();
            IpSetMembers members = members(now, p.key());
            Set<Value> removed = new HashSet<>();
            Set<Value> added = new HashSet<>();
            for (int l : p.sources()) {
                members.forEachRemoved(l, (hi, lo) -> expand(p.key().family(), hi, lo, l, p.storedLength(), removed));
                members.forEachAdded(l, (hi, lo) -> expand(p.key().family(), hi, lo, l, p.storedLength(), added));
            }
            gone = removed.stream().filter(v -> !added.contains(v)).toList();
            fresh = added.stream().filter(v -> !removed.contains(v)).toList();
        }
        emit(tx, s, gone, fresh, counts);
        SetDigest record = digests.get(s.set().name());
        if (record != null && (!gone.isEmpty() || !fresh.isEmpty())) {
            SetDigest d = record.copy();
            gone.forEach(v -> d.remove((IpPrefix) v));
            fresh.forEach(v -> d.add((IpPrefix) v));
            writeRecord(tx, s.set().name(), d, true);
            digests.put(s.set().name(), d);
        }
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

    private static void reload(Transaction tx, Ruleset now, SetSpec s, Counts counts, Map<String, SetDigest> digests,
                               RandomGenerator random) {
        tx.flush(s.set());
        SetDigest d = wantsRecord(s) ? SetDigest.fresh(random) : null;
        counts.elementsAdded += addAll(tx, now, s, d);
        counts.setsReloaded++;
        boolean had = digests.remove(s.set().name()) != null;
        io.selvedge.nft.Chain record = io.selvedge.nft.Chain.regular(Ruleset.TABLE, SetDigest.chainName(s.set().name()));
        if (d != null) {
            writeRecord(tx, s.set().name(), d, had);
            digests.put(s.set().name(), d);
        } else if (had) {
            tx.delete(record);
        }
    }

    /** Adds every element of {@code s} (into {@code digest} too, if not null); returns how many. */
    private static long addAll(Transaction tx, Ruleset r, SetSpec s, SetDigest digest) {
        List<Element> elements;
        if (s.content() instanceof SetContent.Literal lit) {
            elements = lit.elements().stream().map(Element::of).toList();
        } else if (s.content() instanceof SetContent.GateKeys g) {
            List<Element> out = new ArrayList<>();
            GateKeyElements.forEach(members(r, g.key()), g, (hi, lo) -> {
                IpPrefix key = GateKeyElements.element(g, hi, lo);
                if (digest != null) {
                    digest.add(key);
                }
                out.add(Element.of(key));
            });
            elements = out;
        } else {
            SetContent.PrefixLength p = (SetContent.PrefixLength) s.content();
            IpSetMembers members = members(r, p.key());
            List<Element> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, p.elementCount()));
            // straight to elements: a million-member load makes one object per element, not three
            java.util.AbstractCollection<Value> sink = new java.util.AbstractCollection<>() {
                @Override
                public boolean add(Value v) {
                    if (digest != null) {
                        digest.add((IpPrefix) v);
                    }
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
        if (f == IpFamily.V4) {
            expandRaw(f, hi, lo, length, stored, (h, l) -> out.add(Ipv4Prefix.host((int) l)));
        } else {
            expandRaw(f, hi, lo, length, stored, (h, l) -> out.add(new Ipv6Prefix(h, l, 128)));
        }
    }

    /**
     * As {@link #expand}, as raw values: {@code (0, address)} for IPv4 (the address in the low 32
     * bits), {@code (hi, lo)} for IPv6 — what {@code IpPrefix.firstHi()/firstLo()} give for the
     * element, so digests computed either way agree.
     */
    static void expandRaw(IpFamily f, long hi, long lo, int length, int stored, io.selvedge.nft.AddressVisitor out) {
        long n = 1L << (stored - length);
        int s = f.bits() - stored;   // bit position of the stored prefix's last bit, from the right
        for (long i = 0; i < n; i++) {
            long h = hi;
            long l = lo;
            if (f == IpFamily.V4) {
                h |= i << (32 + s);
                out.visit(0, h >>> 32);
            } else {
                if (s >= 64) {
                    h |= i << (s - 64);
                } else {
                    l |= i << s;
                    if (s > 0) {
                        h |= i >>> (64 - s);
                    }
                }
                out.visit(h, l);
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
