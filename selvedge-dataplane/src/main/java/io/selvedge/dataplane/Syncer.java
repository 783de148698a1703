package io.selvedge.dataplane;

import io.selvedge.engine.DesiredState;
import io.selvedge.engine.DesiredStateUpdate;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.ResolvedPolicy;
import io.selvedge.engine.ResolvedProfile;
import io.selvedge.nft.Nft;
import io.selvedge.nft.NftException;
import io.selvedge.nft.Transaction;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Keeps {@code table inet selvedge} equal to the desired state, with <b>one atomic transaction
 * per {@link #flush()}</b> that carries only what changed: set element deltas, changed chains
 * replaced whole (flush + rules), dispatch maps updated by element, objects created before their
 * first use and deleted after their last (see {@link TransactionPlanner}).
 *
 * <p>Feed it either the engine's update stream ({@link #apply(DesiredStateUpdate)}, in the order
 * {@code CalculationGraph.flush} emits it) or whole snapshots ({@link #setDesiredState}); tell it
 * the host's interfaces ({@link #setInterfaces}); then call {@link #flush()}. It holds what it
 * programmed (the last {@link Ruleset}, and each IP set's members with the changes since the
 * last flush) and never reads sets back from the kernel.
 *
 * <p>The first flush, and the first one after a failed transaction, replaces the table's whole
 * contents with one switch transaction: it reads the names of the chains, sets and maps the table
 * has and the chains' comments (never set contents), flushes all rules, deletes what is not
 * wanted, flushes what is, and adds everything — the base chains stay on their hooks, so there is
 * no moment without policy. Two exceptions for big sets, which carry a {@link SetDigest} record:
 * a set the table holds with a record equal to the desired content is kept as it is (a restart
 * with unchanged data reloads nothing), and big sets the table does not hold yet are loaded
 * before the switch by parallel preload transactions that only create sets no rule refers to.
 * (After nft refused an in-place replacement, the next one deletes and re-creates the table in
 * one transaction instead.) Later flushes send at most one transaction each.
 * {@link #fullResync()} forces a replacement. It never touches any other table.
 *
 * <p>Not thread-safe: drive it from one thread (the agent's loop).
 *
 * <pre>{@code
 * Syncer syncer = new Syncer(ExecNft.start(), new Renderer(DataplaneConfig.defaults()));
 * syncer.setInterfaces(InterfaceInventory.fromIpJson(ipJAddrOutput));
 * graph.flush(syncer::apply);
 * FlushReport report = syncer.flush();   // throws NftException; the next flush replaces the table
 * }</pre>
 */
public final class Syncer {

    static final int MAX_DEFAULT_PRELOADS = 4;

    private final Nft nft;
    private final Renderer renderer;
    private final TreeMap<PolicyId, ResolvedPolicy> policies = new TreeMap<>();
    private final TreeMap<ProfileId, ResolvedProfile> profiles = new TreeMap<>();
    private final TreeMap<EndpointId, LocalEndpoint> endpoints = new TreeMap<>();
    private final Map<IpSetKey, IpSetMembers> ipSets = new HashMap<>();
    private InterfaceInventory interfaces = InterfaceInventory.empty();
    private Ruleset programmed;
    /** Digest records of the programmed big sets, by set name (see {@link SetDigest}). */
    private Map<String, SetDigest> digests = Map.of();
    private final RandomGenerator random = new SecureRandom();
    private final int preloadParallelism;
    private boolean replaceTableNext;
    private boolean dirty = true;
    /** Whether anything but IP set member deltas changed since the last flush (a full render is due). */
    private boolean structureChanged = true;
    /** IP sets with member deltas since the last flush. */
    private final Set<IpSetKey> memberChanges = new HashSet<>();
    /** The flow cache's generation in the kernel; 0 before the first flush (see {@link FlowCache}). */
    private long flowGeneration;

    public Syncer(Nft nft, Renderer renderer) {
        this(nft, renderer, defaultPreloadParallelism());
    }

    /** One nft process per CPU, at most {@value #MAX_DEFAULT_PRELOADS} (each holds its share of the elements in memory). */
    static int defaultPreloadParallelism() {
        return Math.min(MAX_DEFAULT_PRELOADS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param preloadParallelism how many nft processes load new big sets in parallel before the
     *     switch transaction of a whole-table replacement (0: everything in the one transaction)
     */
    public Syncer(Nft nft, Renderer renderer, int preloadParallelism) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        if (preloadParallelism < 0) {
            throw new IllegalArgumentException("preloadParallelism < 0: " + preloadParallelism);
        }
        this.preloadParallelism = preloadParallelism;
    }

    /**
     * Applies one update of the engine's stream. IP set deltas cost O(delta); a re-sent IP set is
     * diffed against what is held (O(size)).
     *
     * @throws IllegalStateException if the update refers to something not sent (a sequencing bug)
     */
    public void apply(DesiredStateUpdate u) {
        dirty = true;
        if (!(u instanceof DesiredStateUpdate.IpSetDelta)) {
            structureChanged = true;
        }
        if (u instanceof DesiredStateUpdate.IpSetUpsert x) {
            upsert(x.set());
        } else if (u instanceof DesiredStateUpdate.IpSetDelta x) {
            IpSetMembers m = ipSets.get(x.key());
            if (m == null) {
                throw new IllegalStateException("delta for an IP set not sent: " + x.key());
            }
            m.apply(x.removed(), x.added());
            memberChanges.add(x.key());
        } else if (u instanceof DesiredStateUpdate.IpSetRemoved x) {
            require(ipSets.remove(x.key()), u);
        } else if (u instanceof DesiredStateUpdate.PolicyUpsert x) {
            policies.put(x.policy().id(), x.policy());
        } else if (u instanceof DesiredStateUpdate.PolicyRemoved x) {
            require(policies.remove(x.id()), u);
        } else if (u instanceof DesiredStateUpdate.ProfileUpsert x) {
            profiles.put(x.profile().id(), x.profile());
        } else if (u instanceof DesiredStateUpdate.ProfileRemoved x) {
            require(profiles.remove(x.id()), u);
        } else if (u instanceof DesiredStateUpdate.EndpointUpsert x) {
            endpoints.put(x.endpoint().id(), x.endpoint());
        } else if (u instanceof DesiredStateUpdate.EndpointRemoved x) {
            require(endpoints.remove(x.id()), u);
        }
    }

    /** Applies updates in order. */
    public void applyAll(List<DesiredStateUpdate> updates) {
        updates.forEach(this::apply);
    }

    /**
     * Replaces the whole desired state. IP sets that are the same objects as last time cost
     * nothing; others are diffed against what is held (O(size)).
     */
    public void setDesiredState(DesiredState state) {
        dirty = true;
        structureChanged = true;
        policies.clear();
        policies.putAll(state.policies());
        profiles.clear();
        profiles.putAll(state.profiles());
        endpoints.clear();
        endpoints.putAll(state.endpoints());
        ipSets.keySet().retainAll(state.ipSets().keySet());
        state.ipSets().values().forEach(this::upsert);
    }

    /** The host's interfaces, for binding host endpoints by expected IPs. */
    public void setInterfaces(InterfaceInventory inventory) {
        if (!inventory.equals(interfaces)) {
            interfaces = Objects.requireNonNull(inventory, "inventory");
            dirty = true;
            structureChanged = true;
        }
    }

    /**
     * Sends what changed since the last flush in one transaction (the whole table on the first
     * flush and after a failure). Nothing changed: nothing is sent.
     *
     * @throws NftException if nft refused the transaction; nothing changed in the kernel, and the
     *     next flush replaces the whole table (in place; after a refused in-place replacement, by
     *     deleting and re-creating it)
     */
    public FlushReport flush() {
        long t0 = System.nanoTime();
        if (!dirty && programmed != null) {
            return report(programmed, new TransactionPlanner.Counts(), false, 0, t0, 0);
        }
        Ruleset desired = render();
        boolean full = programmed == null;
        TransactionPlanner.Counts counts = new TransactionPlanner.Counts();
        Map<String, SetDigest> newDigests = new HashMap<>(digests);
        List<TransactionPlanner.Preload> preloads = List.of();
        FlowCache cache = renderer.flowCache();
        TransactionPlanner.Existing existing = full && !replaceTableNext ? existing() : TransactionPlanner.Existing.NONE;
        long generation = nextFlowGeneration(cache, existing);
        Transaction tx;
        if (!full && !cache.enabled()) {
            tx = TransactionPlanner.delta(programmed, desired, counts, newDigests, random);
        } else if (!full) {
            // a new generation only with a change: nothing to send stays nothing
            Ruleset unchanged = cache.withGeneration(desired, flowGeneration);
            if (unchanged.sameObjects(programmed) && ipSets.values().stream().noneMatch(IpSetMembers::changed)) {
                desired = unchanged;
                generation = flowGeneration;
                tx = new Transaction();
            } else {
                desired = cache.withGeneration(desired, generation);
                tx = TransactionPlanner.delta(programmed, desired, counts, newDigests, random);
                // the report tells changes, not the hooks rewritten for the generation alone
                counts.chainsReplaced -= cache.rewrittenForGenerationOnly(programmed, unchanged);
                recordFlowGeneration(cache, tx, generation, true);
            }
        } else if (replaceTableNext) {
            newDigests.clear();
            desired = cache.withGeneration(desired, generation);
            tx = TransactionPlanner.replaceTable(desired, counts, newDigests, random);
            recordFlowGeneration(cache, tx, generation, false);
        } else {
            desired = cache.withGeneration(desired, generation);
            TransactionPlanner.Replacement r = TransactionPlanner.replaceInPlace(desired, existing, counts, preloadParallelism, random);
            preloads = r.preloads();
            tx = r.tx();
            newDigests = new HashMap<>(r.digests());
            recordFlowGeneration(cache, tx, generation, false);   // an old record was deleted with the other unwanted chains
        }
        long t1 = System.nanoTime();
        int operations = tx.operations().size();
        try {
            runPreloads(preloads);
            for (TransactionPlanner.Preload p : preloads) {
                operations += p.operations();
                counts.elementsAdded += p.elements();
                newDigests.putAll(p.digests());
            }
            if (!tx.isEmpty()) {
                nft.run(tx);
            }
        } catch (RuntimeException e) {
            // nothing changed in what rules use (preloaded sets are not referenced yet), but
            // replace the whole table next time; if that was an in-place replacement, the table
            // may hold something it cannot reuse (a base chain with another priority, say): next
            // time delete and re-create the table instead
            replaceTableNext = full && !replaceTableNext;
            programmed = null;
            throw e;
        }
        long t2 = System.nanoTime();
        replaceTableNext = false;
        flowGeneration = generation;
        programmed = desired;
        digests = newDigests;
        ipSets.values().forEach(IpSetMembers::commit);
        dirty = false;
        structureChanged = false;
        memberChanges.clear();
        counts.preloads = preloads.size();
        return report(desired, counts, full, operations, t0, t2 - t1);
    }

    /**
     * The flow cache's generation for this flush: the one after the programmed one, which a
     * restarted syncer reads from the table's record (a random one without a record). 0 without
     * a flow cache.
     */
    private long nextFlowGeneration(FlowCache cache, TransactionPlanner.Existing existing) {
        if (!cache.enabled()) {
            return 0;
        }
        if (flowGeneration == 0) {
            OptionalLong recorded = existing.flowGeneration();
            flowGeneration = recorded.isPresent() && recorded.getAsLong() >= 1 && recorded.getAsLong() <= cache.maxGeneration()
                    ? recorded.getAsLong() : cache.random(random);
        }
        return cache.next(flowGeneration);
    }

    /** Rewrites the record of the flow cache's generation in {@code tx} ({@code exists}: delete the old one first). */
    private static void recordFlowGeneration(FlowCache cache, Transaction tx, long generation, boolean exists) {
        if (cache.enabled()) {
            if (exists) {
                tx.delete(io.selvedge.nft.Chain.regular(Ruleset.TABLE, FlowCache.RECORD_CHAIN));   // a comment cannot change in place
            }
            tx.add(FlowCache.record(generation));
        }
    }

    /**
     * The desired ruleset. After IP set member deltas alone, the programmed one with those sets'
     * element counts updated (their elements come from the change logs when the transaction is
     * planned), so such a flush costs O(delta), not O(rules); a full render when anything else
     * changed or a set's layout changed shape (the rules referencing it change).
     */
    private Ruleset render() {
        Map<IpSetKey, IpSetMembers> members = new HashMap<>(ipSets);
        if (programmed != null && !structureChanged) {
            Optional<Ruleset> patched = renderer.withMemberChanges(programmed, members, memberChanges);
            if (patched.isPresent()) {
                return patched.get();
            }
        }
        return renderer.render(policies, profiles, endpoints, members, interfaces);
    }

    /**
     * Builds and runs the preload transactions, in parallel (one thread and nft process each):
     * they only create sets no rule refers to yet, so their order does not matter. Throws the
     * first failure after all ended.
     */
    private void runPreloads(List<TransactionPlanner.Preload> preloads) {
        if (preloads.size() == 1) {
            preloads.get(0).run(nft, random);
            return;
        }
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (TransactionPlanner.Preload p : preloads) {
            Thread t = new Thread(() -> {
                try {
                    p.run(nft, random);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "nft-preload");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NftException(NftException.Kind.OTHER, "interrupted while loading sets", "", List.of());
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Replaces the whole table with the desired state in one transaction (agent start, repair). */
    public FlushReport fullResync() {
        programmed = null;
        dirty = true;
        return flush();
    }

    /** What the last successful flush programmed; empty before the first one and after a failure. */
    public Optional<Ruleset> programmed() {
        return Optional.ofNullable(programmed);
    }

    /** The flow cache's generation the last successful flush programmed (0: none yet, or no flow cache). */
    long flowGeneration() {
        return flowGeneration;
    }

    /** The renderer (and so the configuration) this syncer uses. */
    public Renderer renderer() {
        return renderer;
    }

    /** What the kernel's table holds, by name, and its digest records (no set contents are read). */
    private TransactionPlanner.Existing existing() {
        if (!nft.hasTable(Ruleset.TABLE)) {
            return TransactionPlanner.Existing.NONE;
        }
        Map<String, Optional<String>> chains = nft.chainComments(Ruleset.TABLE);
        Map<String, SetDigest> records = new HashMap<>();
        chains.forEach((name, comment) -> {
            if (SetDigest.isRecordChain(name) && comment.isPresent()) {
                SetDigest.parse(comment.get()).ifPresent(d -> records.put(name.substring(SetDigest.chainName("").length()), d));
            }
        });
        OptionalLong generation = chains.getOrDefault(FlowCache.RECORD_CHAIN, Optional.empty())
                .map(FlowCache::parseRecord).orElse(OptionalLong.empty());
        return new TransactionPlanner.Existing(true, chains.keySet(), new java.util.HashSet<>(nft.listSets(Ruleset.TABLE)), records,
                generation);
    }

    private void upsert(IpSet set) {
        IpSetMembers m = ipSets.get(set.key());
        if (m == null) {
            ipSets.put(set.key(), IpSetMembers.of(set));
        } else {
            m.replace(set);
        }
    }

    private static void require(Object removed, DesiredStateUpdate u) {
        if (removed == null) {
            throw new IllegalStateException("update refers to something not sent: " + u);
        }
    }

    private static FlushReport report(Ruleset r, TransactionPlanner.Counts c, boolean full, int operations, long t0, long nftNanos) {
        long total = System.nanoTime() - t0;
        return new FlushReport(full, operations, c.elementsAdded, c.elementsRemoved, c.setsAdded, c.setsReloaded, c.setsRemoved,
                c.chainsAdded, c.chainsReplaced, c.chainsRemoved, c.mapElementsChanged, r.chains().size(), r.ruleCount(),
                r.elementCount(), Duration.ofNanos(total - nftNanos), Duration.ofNanos(nftNanos), c.setsKept, c.preloads);
    }
}
