package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.DesiredStateUpdate;
import io.selvedge.model.Resource;
import io.selvedge.nft.FakeNft;
import io.selvedge.nft.NftException;
import io.selvedge.nft.Nft;
import io.selvedge.nft.Operation;
import io.selvedge.nft.Transaction;
import io.selvedge.nft.Verb;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncerTest {

    private static final Renderer RENDERER = new Renderer(DataplaneConfig.defaults());

    /** The dump of a fresh fake holding a from-scratch render of {@code state}. */
    private static String fromScratch(DesiredState state, InterfaceInventory interfaces) {
        FakeNft fresh = new FakeNft();
        fresh.run(Renderer.replaceTable(RENDERER.render(state, interfaces)));
        return dump(fresh);
    }

    /**
     * The fake's dump with the digest records' random keys and sums masked (counts stay) and the
     * flow cache's generation masked (a syncer's differs from a plain render's, see
     * {@link FlowCacheTest}), after checking that every record describes exactly what its set
     * holds and that every big set has one.
     */
    static String dump(FakeNft fake) {
        assertRecordsMatchElements(fake);
        return fake.dump().replaceAll("k=[0-9a-f]{32} s=[0-9a-f]{16}", "k=KEY s=SUM")
                .replaceAll("(ct mark & 0x[0-9a-f]+ == |ct mark & 0x[0-9a-f]+ \\| )0x[0-9a-f]+", "$1GEN")
                .replaceAll("(?m)^ *chain " + FlowCache.RECORD_CHAIN + " #.*\n", "");
    }

    static void assertRecordsMatchElements(FakeNft fake) {
        if (!fake.hasTable(Ruleset.TABLE)) {
            return;
        }
        java.util.Map<String, java.util.Optional<String>> chains = fake.chainComments(Ruleset.TABLE);
        for (String set : fake.listSets(Ruleset.TABLE)) {
            java.util.Map<io.selvedge.nft.Value, java.util.Optional<io.selvedge.nft.Value>> elements = fake.elements(Ruleset.TABLE, set);
            String record = SetDigest.chainName(set);
            if (elements.size() >= SetDigest.RECORD_MIN_ELEMENTS && elements.keySet().iterator().next() instanceof io.selvedge.nft.IpPrefix) {
                assertThat(chains).as("record of %s", set).containsKey(record);
            }
            if (chains.containsKey(record)) {
                SetDigest recorded = SetDigest.parse(chains.get(record).orElseThrow()).orElseThrow();
                SetDigest actual = recorded.emptyWithSameKey();
                elements.keySet().forEach(v -> actual.add((io.selvedge.nft.IpPrefix) v));
                assertThat(actual.sameAs(recorded)).as("record of %s (%d elements, recorded %d)", set, actual.count(), recorded.count())
                        .isTrue();
            }
        }
        chains.keySet().stream().filter(SetDigest::isRecordChain).forEach(c ->
                assertThat(fake.listSets(Ruleset.TABLE)).as("set of record %s", c).contains(c.substring("digest-".length())));
    }

    /**
     * Random sequences of datastore changes, fed to the syncer as the engine's update stream and,
     * in parallel, as snapshots: after every flush each fake holds exactly what a from-scratch
     * render of the engine's snapshot gives (the fake checks every reference and overlap).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void incrementalFlushesEqualAFromScratchRender(long seed) {
        RandomWorld world = new RandomWorld(seed);
        CalculationGraph graph = new CalculationGraph("node1");
        FakeNft streamed = new FakeNft();
        FakeNft snapshotted = new FakeNft();
        Syncer byStream = new Syncer(streamed, RENDERER);
        Syncer bySnapshot = new Syncer(snapshotted, RENDERER);
        List<Resource> previous = List.of();
        Random rnd = new Random(seed);
        boolean first = true;
        for (int step = 0; step < 60; step++) {
            world.step();
            List<Resource> now = world.resources();
            apply(graph, previous, now);
            previous = now;
            InterfaceInventory interfaces = world.interfaces();
            graph.flush(byStream::apply);
            byStream.setInterfaces(interfaces);
            DesiredState snapshot = graph.snapshot();
            bySnapshot.setDesiredState(snapshot);
            bySnapshot.setInterfaces(interfaces);
            if (rnd.nextInt(4) == 0 && step != 59) {
                continue;   // let changes pile up over several engine flushes
            }
            FlushReport a = byStream.flush();
            FlushReport b = bySnapshot.flush();
            String expected = fromScratch(snapshot, interfaces);
            assertThat(dump(streamed)).as("seed %d step %d, stream (%s)", seed, step, a).isEqualTo(expected);
            assertThat(dump(snapshotted)).as("seed %d step %d, snapshots (%s)", seed, step, b).isEqualTo(expected);
            assertThat(a.fullReplace()).as("only the first flush replaces the table").isEqualTo(first);
            assertThat(b.fullReplace()).isEqualTo(first);
            first = false;
        }
    }

    /** Feeds the difference between two resource lists to the graph (deletes, then upserts). */
    static void apply(CalculationGraph g, List<Resource> before, List<Resource> after) {
        Set<String> keep = after.stream().map(SyncerTest::key).collect(Collectors.toSet());
        for (Resource r : before) {
            if (!keep.contains(key(r))) {
                g.onDelete(r);
            }
        }
        Set<Resource> old = new HashSet<>(before);
        for (Resource r : after) {
            if (!old.contains(r)) {
                g.onUpdate(r);
            }
        }
    }

    private static String key(Resource r) {
        return r.kind() + "/" + r.metadata().namespace() + "/" + r.metadata().name();
    }

    @Test
    void theFirstFlushReplacesTheTableAndAnUnchangedStateSendsNothing() {
        FakeNft fake = new FakeNft();
        Syncer s = new Syncer(fake, RENDERER);
        s.setDesiredState(States.guide());
        FlushReport first = s.flush();
        assertThat(first.fullReplace()).isTrue();
        assertThat(first.operations()).isGreaterThan(50);
        assertThat(s.flush().isEmpty()).isTrue();
        s.setDesiredState(States.guide());   // the same state again, new objects
        FlushReport again = s.flush();
        assertThat(again.isEmpty()).as("%s", again).isTrue();
        assertThat(fake.transactions()).isEqualTo(1);
    }

    /** A network set of 20,000 CIDRs; 10 of them change: one small transaction of element statements. */
    @Test
    void aSmallDeltaOfABigSetIsASmallTransaction() {
        List<String> cidrs = new ArrayList<>();
        Random rnd = new Random(42);
        Set<String> seen = new HashSet<>();
        while (cidrs.size() < 20_000) {
            int len = rnd.nextBoolean() ? 32 : 24;
            long a = (long) (10 + rnd.nextInt(100)) << 24 | rnd.nextInt(1 << 24);
            a &= (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
            String c = (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255) + "/" + len;
            if (seen.add(c)) {
                cidrs.add(c);
            }
        }
        CalculationGraph graph = new CalculationGraph("node1");
        States.decode(States.guideExamples() + States.GUIDE_ENDPOINTS).forEach(graph::onUpdate);
        graph.onUpdate(bigSet(cidrs));
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER);
        graph.flush(s::apply);
        s.flush();
        // replace 10 members: 5 deleted, 5 new ones
        List<String> changed = new ArrayList<>(cidrs.subList(5, cidrs.size()));
        changed.addAll(List.of("9.9.9.1/32", "9.9.9.2/32", "9.9.9.3/32", "9.9.8.0/24", "9.9.7.0/24"));
        graph.onUpdate(bigSet(changed));
        List<DesiredStateUpdate> updates = new ArrayList<>();
        graph.flush(updates::add);
        assertThat(updates).hasSize(1).first().isInstanceOf(DesiredStateUpdate.IpSetDelta.class);
        s.applyAll(updates);
        FlushReport r = s.flush();
        assertThat(r.fullReplace()).isFalse();
        assertThat(r.elementsAdded()).isEqualTo(5);
        assertThat(r.elementsRemoved()).isEqualTo(5);
        Transaction tx = nft.last;
        // element deltas, the two big sets' digest records rewritten (delete + add chain), and the
        // flow cache's new generation (the filter hooks' rules and the generation's record)
        int hookRules = FlowCache.CHAINS.stream().mapToInt(c -> s.programmed().orElseThrow().chains().get(c).rules().size()).sum();
        assertThat(tx.operations()).allSatisfy(op -> assertThat(op.object() instanceof io.selvedge.nft.Elements
                || op.object() instanceof io.selvedge.nft.Chain c
                        && (SetDigest.isRecordChain(c.name()) || FlowCache.CHAINS.contains(c.name())
                            || c.name().equals(FlowCache.RECORD_CHAIN))
                || op.object() instanceof io.selvedge.nft.Rule rule && FlowCache.CHAINS.contains(rule.chain())).isTrue());
        assertThat(tx.operations().size()).as("%s", tx.toScript()).isLessThanOrEqualTo(8 + 3 + hookRules + 2);
        assertThat(r.chainsReplaced()).isZero();
        assertThat(fromScratch(graph.snapshot(), InterfaceInventory.empty())).isEqualTo(dump(nft.fake));
    }

    /**
     * A set that outgrows its declared size moves to a new set (the size is in its name) in the
     * same transaction; a change of the prefix-expansion plan reloads the sets concerned.
     */
    @Test
    void setsThatOutgrowTheirSizeOrChangeLayoutAreReplacedInOneTransaction() {
        CalculationGraph graph = new CalculationGraph("node1");
        States.decode(States.guideExamples() + States.GUIDE_ENDPOINTS).forEach(graph::onUpdate);
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            hosts.add("10.1." + (i / 250) + "." + (i % 250) + "/32");
        }
        graph.onUpdate(bigSet(hosts.subList(0, 500)));
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER);
        graph.flush(s::apply);
        s.flush();
        assertThat(dump(nft.fake)).contains("-4-32 { type ipv4_addr ; size 1024 ; }");

        graph.onUpdate(bigSet(hosts));
        graph.flush(s::apply);
        FlushReport grown = s.flush();
        assertThat(dump(nft.fake)).contains("-4-32.k11 { type ipv4_addr ; size 2048 ; }").doesNotContain("-4-32 {");
        assertThat(grown.setsAdded()).isEqualTo(1);
        assertThat(grown.setsRemoved()).isEqualTo(1);
        assertThat(grown.elementsAdded()).isEqualTo(600);
        assertThat(grown.chainsReplaced()).isEqualTo(1);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(graph.snapshot(), InterfaceInventory.empty()));

        // 1 /31 is folded into the /32s (1 more element); 511 of them are not (511 more > budget 50 % of 1,011)
        List<String> withPairs = new ArrayList<>(hosts.subList(0, 500));
        withPairs.add("10.9.0.0/31");
        graph.onUpdate(bigSet(withPairs));
        graph.flush(s::apply);
        s.flush();
        assertThat(dump(nft.fake)).doesNotContain("-4-31").isEqualTo(fromScratch(graph.snapshot(), InterfaceInventory.empty()));
        for (int i = 1; i < 511; i++) {
            withPairs.add("10.9." + (i / 128) + "." + (i % 128) * 2 + "/31");
        }
        graph.onUpdate(bigSet(withPairs));
        graph.flush(s::apply);
        FlushReport unfolded = s.flush();
        assertThat(dump(nft.fake)).contains("-4-31 {").isEqualTo(fromScratch(graph.snapshot(), InterfaceInventory.empty()));
        assertThat(unfolded.setsReloaded() + unfolded.setsAdded()).as("%s", unfolded).isGreaterThanOrEqualTo(2);
        assertThat(nft.all).hasSize(4);
    }

    private static Resource bigSet(List<String> cidrs) {
        return States.decode("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: ip-protect, labels: {ip-deny-list: 'true'}}
                spec: {nets: [%s]}
                """.formatted(String.join(", ", cidrs))).get(0);
    }

    /** 10,000 random /32s and 10,000 /24s in 10.0.0.0/8 (data only), distinct. */
    private static List<String> bulk(long seed, int each) {
        Random rnd = new Random(seed);
        Set<String> seen = new java.util.LinkedHashSet<>();
        while (seen.size() < each) {
            seen.add("10." + rnd.nextInt(128) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "/32");
        }
        while (seen.size() < 2 * each) {
            seen.add("10." + (128 + rnd.nextInt(128)) + "." + rnd.nextInt(256) + ".0/24");
        }
        return new ArrayList<>(seen);
    }

    private static DesiredState withBulk(List<String> cidrs) {
        List<Resource> resources = States.decode(States.guideExamples() + States.GUIDE_ENDPOINTS);
        resources.add(bigSet(cidrs));   // replaces the guide's ip-protect set (same name)
        return States.of("node1", resources);
    }

    /**
     * Agent restart with big sets: a new syncer finds the previous agent's table and keeps the
     * big sets whose digest record equals the desired content (after deltas too), reloads those
     * whose content changed while it was down, and ends with what a from-scratch render gives.
     */
    @Test
    void aRestartKeepsBigSetsWhoseContentIsUnchanged() {
        List<String> cidrs = bulk(7, 10_000);
        RecordingNft nft = new RecordingNft();
        Syncer first = new Syncer(nft, RENDERER, 0);
        first.setDesiredState(withBulk(cidrs));
        assertThat(first.flush().setsKept()).isZero();
        List<String> changed = new ArrayList<>(cidrs.subList(3, cidrs.size()));
        changed.addAll(List.of("10.1.2.3/32", "10.1.2.4/32", "10.200.0.0/24"));
        first.setDesiredState(withBulk(changed));   // a delta: the records follow the elements
        assertThat(first.flush().fullReplace()).isFalse();

        Syncer restarted = new Syncer(nft, RENDERER, 0);
        restarted.setDesiredState(withBulk(changed));
        FlushReport r = restarted.flush();
        assertThat(r.fullReplace()).isTrue();
        assertThat(r.setsKept()).isEqualTo(2);   // the /32 and the /24 set
        assertThat(nft.last.operations()).noneMatch(op -> op.object() instanceof io.selvedge.nft.Elements e
                && e.elements().size() >= SetDigest.RECORD_MIN_ELEMENTS);
        assertThat(nft.last.operations()).noneMatch(op -> op.verb() == Verb.FLUSH && op.object() instanceof io.selvedge.nft.NftSet);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(withBulk(changed), InterfaceInventory.empty()));

        // while the agent was down, /32s changed (the /24s did not): only the /32 set is reloaded
        List<String> changedAgain = new ArrayList<>(changed);
        changedAgain.remove("10.1.2.3/32");
        changedAgain.add("10.1.2.5/32");
        Syncer again = new Syncer(nft, RENDERER, 0);
        again.setDesiredState(withBulk(changedAgain));
        r = again.flush();
        assertThat(r.setsKept()).isEqualTo(1);
        assertThat(r.elementsAdded()).as("the 9,999 /32s and the small sets, not the /24s").isBetween(9_999L, 10_500L);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(withBulk(changedAgain), InterfaceInventory.empty()));
    }

    /**
     * Big sets the table does not hold yet are loaded by parallel preload transactions that only
     * create sets (no rule refers to them yet), then one transaction switches the rules over.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void newBigSetsArePreloadedBeforeOneSwitchTransaction(int parallelism) {
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER, parallelism);
        DesiredState state = withBulk(bulk(8, 10_000));
        s.setDesiredState(state);
        FlushReport r = s.flush();
        assertThat(r.preloads()).isEqualTo(Math.min(2, parallelism));
        // each preload: create its sets, fill each (addElements), write their records; then the switch
        assertThat(nft.all).hasSize(r.preloads() * 2 + 2 + 1);
        List<Transaction> preloads = nft.all.subList(0, nft.all.size() - 1);
        for (Transaction preload : preloads) {
            assertThat(preload.operations()).allSatisfy(op -> assertThat(op.verb()).isIn(Verb.ADD));
            assertThat(preload.operations()).noneMatch(op -> op.object() instanceof io.selvedge.nft.Rule);
        }
        // a set's digest record is written only after its elements: a crash between leaves no record
        for (int i = 0; i < preloads.size(); i++) {
            for (io.selvedge.nft.Operation op : preloads.get(i).operations()) {
                if (op.object() instanceof io.selvedge.nft.Elements e) {
                    String record = SetDigest.chainName(e.set());
                    int elementsAt = i;
                    int[] recordAt = java.util.stream.IntStream.range(0, preloads.size()).filter(j -> preloads.get(j).operations().stream()
                            .anyMatch(o -> o.object() instanceof io.selvedge.nft.Chain c && c.name().equals(record))).toArray();
                    assertThat(recordAt).hasSize(1);
                    assertThat(recordAt[0]).isGreaterThan(elementsAt);
                }
            }
        }
        Transaction last = nft.all.get(nft.all.size() - 1);
        assertThat(last.operations()).noneMatch(op -> op.object() instanceof io.selvedge.nft.Elements e
                && e.elements().size() >= SetDigest.RECORD_MIN_ELEMENTS);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(state, InterfaceInventory.empty()));
        // a restart right after keeps both
        Syncer restarted = new Syncer(nft, RENDERER, parallelism);
        restarted.setDesiredState(state);
        assertThat(restarted.flush().setsKept()).isEqualTo(2);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(state, InterfaceInventory.empty()));
    }

    /** A failed transaction changes nothing; the next flush replaces the whole table. */
    @Test
    void afterAFailureTheNextFlushReplacesTheTable() {
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER);
        s.setDesiredState(States.guide());
        s.flush();
        String before = dump(nft.fake);
        nft.failNext = true;
        s.setDesiredState(States.of("node1", States.GUIDE_ENDPOINTS));
        assertThatThrownBy(s::flush).isInstanceOf(NftException.class);
        assertThat(dump(nft.fake)).isEqualTo(before);
        assertThat(s.programmed()).isEmpty();
        FlushReport r = s.flush();
        assertThat(r.fullReplace()).isTrue();
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(States.of("node1", States.GUIDE_ENDPOINTS), InterfaceInventory.empty()));
    }

    /** A refused in-place replacement is followed by one that deletes and re-creates the table; one transaction per flush. */
    @Test
    void aRefusedInPlaceReplacementIsFollowedByATableReplacement() {
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER);
        s.setDesiredState(States.guide());
        s.flush();
        nft.failNext = true;
        assertThatThrownBy(s::fullResync).isInstanceOf(NftException.class);
        int before = nft.all.size();
        FlushReport r = s.flush();
        assertThat(r.fullReplace()).isTrue();
        assertThat(nft.all).hasSize(before + 1);
        assertThat(nft.last.operations().subList(0, 3)).extracting(Operation::verb).containsExactly(Verb.ADD, Verb.DELETE, Verb.ADD);
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(States.guide(), InterfaceInventory.empty()));
        s.fullResync();
        assertThat(nft.last.operations()).contains(new Operation(Verb.FLUSH, Ruleset.TABLE))
                .doesNotContain(new Operation(Verb.DELETE, Ruleset.TABLE));
    }

    /** Only the selvedge table is ever touched. */
    @Test
    void neverTouchesAnotherTable() {
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, RENDERER);
        RandomWorld world = new RandomWorld(99);
        CalculationGraph graph = new CalculationGraph("node1");
        List<Resource> previous = List.of();
        for (int i = 0; i < 20; i++) {
            world.step();
            List<Resource> now = world.resources();
            apply(graph, previous, now);
            previous = now;
            graph.flush(s::apply);
            s.flush();
        }
        assertThat(nft.all).isNotEmpty();
        for (Transaction tx : nft.all) {
            for (Operation op : tx.operations()) {
                assertThat(op.object().table()).isEqualTo(Ruleset.TABLE);
            }
        }
        assertThat(nft.all.get(0).operations().get(0)).isEqualTo(new Operation(Verb.ADD, Ruleset.TABLE));
        assertThat(nft.all).allSatisfy(tx -> assertThat(tx.operations()).doesNotContain(new Operation(Verb.DELETE, Ruleset.TABLE)));
    }

    /**
     * Agent restart: a new syncer finds a table (the previous agent's, plus leftovers) and
     * replaces its contents in place, in one transaction that never deletes the table or its base
     * chains (deleting them re-registers the hooks, which is not atomic for packets).
     */
    @Test
    void aRestartReplacesTheContentsInPlace() {
        RecordingNft nft = new RecordingNft();
        Syncer first = new Syncer(nft, RENDERER);
        first.setDesiredState(States.guide());
        first.flush();
        // leftovers: a chain jumping to another, a set used by a rule, a map pointing at a chain
        io.selvedge.nft.Chain junk = io.selvedge.nft.Chain.regular(Ruleset.TABLE, "old-chain");
        io.selvedge.nft.Chain junk2 = io.selvedge.nft.Chain.regular(Ruleset.TABLE, "old-target");
        io.selvedge.nft.NftSet oldSet = io.selvedge.nft.NftSet.of(Ruleset.TABLE, "old-set", io.selvedge.nft.DataType.IPV4_ADDR);
        io.selvedge.nft.NftMap oldMap = io.selvedge.nft.NftMap.verdictMap(Ruleset.TABLE, "old-dispatch", io.selvedge.nft.DataType.IFNAME);
        nft.run(new Transaction().add(junk).add(junk2).add(oldSet).add(oldMap)
                .add(io.selvedge.nft.Elements.of(oldSet, List.of(io.selvedge.nft.IpPrefix.parse("192.0.2.1"))))
                .add(io.selvedge.nft.Elements.of(oldMap, List.of(io.selvedge.nft.Element.mapping(io.selvedge.nft.IfName.of("eth9"),
                        io.selvedge.nft.Verdict.goTo("old-target")))))
                .add(io.selvedge.nft.Rule.of(junk, io.selvedge.nft.RuleBody.builder().tokens("ip saddr").set("old-set")
                        .tokens("jump old-target").build()))
                .add(io.selvedge.nft.Rule.of(nft.fake.rules(Ruleset.TABLE, ChainNames.FILTER_INPUT).isEmpty() ? junk
                        : io.selvedge.nft.Chain.regular(Ruleset.TABLE, ChainNames.FILTER_WL_TO_HOST), io.selvedge.nft.RuleBody.of("jump old-chain"))));
        Syncer restarted = new Syncer(nft, RENDERER);
        DesiredState now = States.of("node1", States.GUIDE_ENDPOINTS);
        restarted.setDesiredState(now);
        FlushReport r = restarted.flush();
        assertThat(r.fullReplace()).isTrue();
        assertThat(nft.last.operations()).doesNotContain(new Operation(Verb.DELETE, Ruleset.TABLE))
                .contains(new Operation(Verb.FLUSH, Ruleset.TABLE));
        assertThat(nft.last.operations()).noneMatch(op -> op.verb() == Verb.DELETE && op.object() instanceof io.selvedge.nft.Chain c
                && c.base().isPresent());
        assertThat(dump(nft.fake)).isEqualTo(fromScratch(now, InterfaceInventory.empty()));
    }

    /** A fake that records transactions and can fail the next one. */
    static final class RecordingNft implements Nft {
        final FakeNft fake = new FakeNft();
        final List<Transaction> all = new ArrayList<>();
        Transaction last;
        boolean failNext;

        @Override
        public synchronized void run(Transaction tx) {
            if (failNext) {
                failNext = false;
                throw new NftException(NftException.Kind.OTHER, "injected failure", "", List.of());
            }
            fake.run(tx);
            all.add(tx);
            last = tx;
        }

        @Override
        public List<String> listChains(io.selvedge.nft.Table table) {
            return fake.listChains(table);
        }

        @Override
        public java.util.Map<String, java.util.Optional<String>> chainComments(io.selvedge.nft.Table table) {
            return fake.chainComments(table);
        }

        @Override
        public List<String> listSets(io.selvedge.nft.Table table) {
            return fake.listSets(table);
        }

        @Override
        public List<io.selvedge.nft.RuleInfo> listRules(io.selvedge.nft.Table table, String chain) {
            return fake.listRules(table, chain);
        }

        @Override
        public boolean hasTable(io.selvedge.nft.Table table) {
            return fake.hasTable(table);
        }
    }
}
