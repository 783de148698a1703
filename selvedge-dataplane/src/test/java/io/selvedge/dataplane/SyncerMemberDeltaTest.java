package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.model.Resource;
import io.selvedge.nft.FakeNft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The syncer's cheap path for flushes whose only changes are IP set members (it keeps the
 * programmed chains and updates set contents) against full renders: random member changes of a
 * selector set referenced by policies, including prefix lengths that appear and disappear,
 * merges the layout planner makes and undoes and sets that outgrow their declared size, mixed
 * with random policy, endpoint and profile changes. After every flush the programmed ruleset
 * equals a from-scratch render and the fake's table equals that render loaded into a fresh table.
 * The same with gates on ({@link IpSetLayout.Gate}) and members of many lengths sharing one
 * /16, so that /24 keys switch between covered, holding longer members, and absent.
 */
class SyncerMemberDeltaTest {

    private static final Renderer RENDERER = new Renderer(DataplaneConfig.defaults());

    /** Policies that always reference the big set (plus a workload they apply to). */
    private static final String FIXED = """
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: deny-big}
            spec:
              selector: all()
              types: [Ingress, Egress]
              ingress:
              - {action: Deny, source: {selector: "big == 'true'"}}
              - {action: Allow, source: {notSelector: "big == 'true'"}}
              egress: [{action: Deny, destination: {selector: "big == 'true'"}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-fixed-eth0, namespace: prod, labels: {role: db}}
            spec: {orchestrator: k8s, node: node1, pod: fixed, endpoint: eth0, interfaceName: cali9,
                   ipNetworks: [10.0.0.99/32], profiles: [kns.a]}
            """;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void memberOnlyFlushesEqualAFullRender(long seed) {
        run(seed, RENDERER, false);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void gateFlushesEqualAFullRender(long seed) {
        Renderer gated = new Renderer(DataplaneConfig.defaults().withGateMinElements(1).withCpeBudget(0));
        int[] gates = run(seed, gated, true);
        assertThat(gates[0]).as("flushes whose table held an IPv4 gate set").isGreaterThan(10);
        assertThat(gates[1]).as("flushes whose table held an IPv6 gate set").isGreaterThan(3);
    }

    /** Returns how many flushes ended with an IPv4 and with an IPv6 gate set in the table. */
    private static int[] run(long seed, Renderer renderer, boolean dense) {
        Random rnd = new Random(seed);
        RandomWorld world = new RandomWorld(seed);
        BigSet big = new BigSet(rnd, dense);
        CalculationGraph graph = new CalculationGraph("node1");
        FakeNft fake = new FakeNft();
        Syncer syncer = new Syncer(fake, renderer);
        int[] gates = new int[2];
        List<Resource> previous = List.of();
        Ruleset before = null;
        int cheap = 0;
        int shapeChanges = 0;
        for (int step = 0; step < 80; step++) {
            boolean structural = rnd.nextInt(6) == 0;
            if (structural) {
                world.step();
            } else {
                big.change();
            }
            List<Resource> now = new ArrayList<>(world.resources());
            now.addAll(States.decode(FIXED + big.yaml()));
            SyncerTest.apply(graph, previous, now);
            previous = now;
            InterfaceInventory interfaces = world.interfaces();
            graph.flush(syncer::apply);
            syncer.setInterfaces(interfaces);
            if (rnd.nextInt(4) == 0 && step != 79) {
                continue;   // let changes pile up over several engine flushes
            }
            FlushReport report = syncer.flush();
            DesiredState snapshot = graph.snapshot();
            Ruleset expected = renderer.flowCache().withGeneration(renderer.render(snapshot, interfaces), syncer.flowGeneration());
            Ruleset programmed = syncer.programmed().orElseThrow();
            String what = "seed " + seed + " step " + step + " (" + report + ")";
            assertThat(programmed.sameObjects(expected)).as("programmed = full render, %s", what).isTrue();
            assertThat(programmed.problems()).as(what).isEqualTo(expected.problems());
            FakeNft fresh = new FakeNft();
            fresh.run(Renderer.replaceTable(expected));
            assertThat(SyncerTest.dump(fake)).as(what).isEqualTo(SyncerTest.dump(fresh));
            if (before != null && sameChainObjects(before, programmed)) {
                cheap++;
            }
            if (before != null && !structural && !before.sets().keySet().equals(programmed.sets().keySet())) {
                shapeChanges++;
            }
            for (io.selvedge.engine.IpFamily f : io.selvedge.engine.IpFamily.values()) {
                if (programmed.sets().values().stream().anyMatch(x -> x.content() instanceof Ruleset.SetContent.GateKeys g
                        && g.key().family() == f)) {
                    gates[f.ordinal()]++;
                }
            }
            before = programmed;
        }
        assertThat(cheap).as("flushes that kept the rendered chains").isGreaterThan(5);
        assertThat(shapeChanges).as("member changes that changed a layout").isGreaterThan(2);
        return gates;
    }

    /**
     * Whether every chain of {@code b} is the very object {@code a} holds (nothing re-rendered),
     * but the filter hooks, whose flow-cache rules every transaction rewrites with a new generation.
     */
    private static boolean sameChainObjects(Ruleset a, Ruleset b) {
        return !b.chains().isEmpty() && a.chains().keySet().equals(b.chains().keySet())
                && b.chains().entrySet().stream().allMatch(e -> a.chains().get(e.getKey()) == e.getValue()
                        || FlowCache.CHAINS.contains(e.getKey()));
    }

    /**
     * The members of a GlobalNetworkSet labelled {@code big} and {@code set: a}: disjoint CIDRs of
     * a few prefix lengths (each length in its own /16, so they never overlap; dense: IPv4 lengths
     * around /24 mixed in 10.50.0.0/16, a candidate that would overlap a member left out).
     */
    private static final class BigSet {
        private static final int[] SPARSE4 = {32, 31, 30, 28, 24, 20};
        private static final int[] DENSE4 = {32, 31, 29, 27, 25, 24, 23, 22};
        private static final int[] LENGTHS6 = {128, 64};
        private static final int[] DENSE6 = {128, 124, 120, 64};
        private final Random rnd;
        private final boolean dense;
        private final int[] lengths4;
        private final Set<String> members = new LinkedHashSet<>();

        BigSet(Random rnd, boolean dense) {
            this.rnd = rnd;
            this.dense = dense;
            this.lengths4 = dense ? DENSE4 : SPARSE4;
            for (int i = 0; i < 40; i++) {
                add(random(32));
            }
            for (int i = 0; dense && i < 60; i++) {
                add(random(pickLength()));
            }
        }

        private void add(String member) {
            if (member != null) {
                members.add(member);
            }
        }

        /** A few members added or removed; sometimes a whole length added or dropped, or many /32s. */
        void change() {
            switch (rnd.nextInt(8)) {
                case 0 -> {   // a length disappears
                    String suffix = "/" + pickLength();
                    members.removeIf(m -> m.endsWith(suffix));
                }
                case 1 -> {   // a length appears (or grows) in bulk
                    int len = pickLength();
                    for (int i = 0; i < 1 + rnd.nextInt(40); i++) {
                        add(random(len));
                    }
                }
                case 2 -> {   // enough /32s to outgrow a declared size, or back
                    if (members.size() > 700) {
                        members.removeIf(m -> m.endsWith("/32") && rnd.nextInt(4) > 0);
                    } else {
                        for (int i = 0; i < 700; i++) {
                            add(random(32));
                        }
                    }
                }
                default -> {   // a few members in and out
                    for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                        if (rnd.nextBoolean() && !members.isEmpty()) {
                            List<String> all = new ArrayList<>(members);
                            members.remove(all.get(rnd.nextInt(all.size())));
                        } else {
                            add(random(pickLength()));
                        }
                    }
                }
            }
        }

        private int pickLength() {
            int[] lengths6 = dense ? DENSE6 : LENGTHS6;
            return rnd.nextInt(5) == 0 ? lengths6[rnd.nextInt(lengths6.length)] : lengths4[rnd.nextInt(lengths4.length)];
        }

        /** A random member of length {@code len} not overlapping one there is; null if none was found. */
        private String random(int len) {
            if (len <= 32 && dense) {
                for (int attempt = 0; attempt < 20; attempt++) {
                    long addr = (0x0A32_0000L | rnd.nextInt(1 << 16)) & (0xFFFF_FFFFL << (32 - len));
                    if (members.stream().noneMatch(m -> overlaps(m, addr, len))) {
                        return (addr >>> 24) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255) + "/" + len;
                    }
                }
                return null;
            }
            if (len > 32 && dense) {
                // 2001:db8:7:X::Y/len: /64s in X = 4..7, longer ones in X = 0..3 (low 16 bits Y), so only those can overlap
                for (int attempt = 0; attempt < 20; attempt++) {
                    int x = len == 64 ? 4 + rnd.nextInt(4) : rnd.nextInt(4);
                    int y = len == 64 ? 0 : rnd.nextInt(1 << 16) & (0xFFFF << (128 - len)) & 0xFFFF;
                    if (members.stream().noneMatch(m -> overlaps6(m, x, y, len))) {
                        return "2001:db8:7:" + x + "::" + Integer.toHexString(y) + "/" + len;
                    }
                }
                return null;
            }
            if (len > 32) {
                int i = len == 128 ? 1 : 2;
                return "2001:db8:" + i + ":" + (len == 128 ? "0:0:0:0:" + Integer.toHexString(rnd.nextInt(65536))
                        : Integer.toHexString(rnd.nextInt(65536)) + "::") + "/" + len;
            }
            int third = 100 + len;   // 10.<100 + len>.x.y: one /16 per length
            long host = rnd.nextInt(1 << 16) & (0xFFFFL << (32 - len)) & 0xFFFFL;
            return "10." + third + "." + (host >>> 8) + "." + (host & 255) + "/" + len;
        }

        private static boolean overlaps6(String member, int x, int y, int len) {
            if (!member.startsWith("2001:db8:7:")) {
                return false;
            }
            String[] p = member.substring("2001:db8:7:".length()).split("::|/");
            int l = Integer.parseInt(p[2]);
            int mask = 0xFFFF << (128 - Math.min(len, l)) & 0xFFFF;
            return Integer.parseInt(p[0]) == x && (Integer.parseInt(p[1], 16) & mask) == (y & mask);
        }

        private static boolean overlaps(String member, long addr, int len) {
            if (member.contains(":")) {
                return false;
            }
            String[] p = member.split("[./]");
            long a = (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
            long mask = 0xFFFF_FFFFL << (32 - Math.min(len, Integer.parseInt(p[4]))) & 0xFFFF_FFFFL;
            return (a & mask) == (addr & mask);
        }

        String yaml() {
            return """
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: big, labels: {big: 'true', set: a}}
                    spec: {nets: [%s]}
                    """.formatted(members.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")));
        }
    }
}
