package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ExecNft against real nft, each test in its own network namespace (root; skipped otherwise). */
@ExtendWith(NetnsLeftovers.class)
class ExecNftIT {

    static final Table T = new Table(Family.INET, "selvedge");
    static final Chain IN = Chain.base(T, "filter-input", BaseChain.filter(BaseChain.Hook.INPUT, BaseChain.FILTER));
    static final Chain POL = Chain.regular(T, "sv-pi-gnp/deny");
    static final NftSet H4 = NftSet.of(T, "s4_32", DataType.IPV4_ADDR);
    static final NftSet P4 = NftSet.of(T, "s4_24", DataType.IPV4_ADDR);
    static final NftSet H6 = NftSet.of(T, "s6_64", DataType.IPV6_ADDR);
    static final NftSet I4 = NftSet.interval(T, "i4", DataType.IPV4_ADDR);

    private static Transaction skeleton() {
        return new Transaction().add(T).add(IN).add(POL).add(H4).add(P4).add(H6).add(I4)
                .add(Rule.of(IN, RuleBody.of("jump sv-pi-gnp/deny"), "dispatch"))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("s4_32").tokens("counter drop").build(), "deny /32"))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr & 255.255.255.0").set("s4_24").tokens("counter drop").build(),
                        "deny /24"))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip6 saddr & ffff:ffff:ffff:ffff::").set("s6_64").tokens("counter drop")
                        .build(), "deny /64"))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("i4").tokens("counter drop").build(), "deny interval"));
    }

    @Test
    void checksTheBinaryAndItsVersion() {
        try (Netns ns = Netns.create()) {
            assertThat(ExecNft.inNamespace(ns.name).version()).matches("\\d+\\.\\d+\\.\\d+");
        }
        assertThatThrownBy(() -> ExecNft.start(List.of(), "/nonexistent/nft", Duration.ofSeconds(5)))
                .isInstanceOf(NftNotFoundException.class).hasMessageContaining("/nonexistent/nft");
        assertThatThrownBy(() -> ExecNft.inNamespace("sv-nft-no-such-namespace"))
                .isInstanceOf(NftNotFoundException.class).hasMessageContaining("sv-nft-no-such-namespace");
    }

    @Test
    void programsAndReadsBack() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            assertThat(nft.hasTable(T)).isFalse();
            nft.run(skeleton().add(Elements.of(H4, List.of(IpPrefix.parse("192.0.2.55"))))
                    .add(Elements.of(I4, List.of(IpPrefix.parse("203.0.113.0/24")))));
            assertThat(nft.hasTable(T)).isTrue();
            assertThat(nft.listChains(T)).containsExactly("filter-input", "sv-pi-gnp/deny");
            assertThat(nft.listSets(T)).containsExactlyInAnyOrder("s4_32", "s4_24", "s6_64", "i4");
            // another table whose name starts with ours, with its own chain, set and map, stays out of the listings
            Table other = new Table(Family.INET, "selvedge2");
            nft.run(new Transaction().add(other).add(Chain.regular(other, "elsewhere").withComment("not ours"))
                    .add(NftSet.of(other, "s-elsewhere", DataType.IPV4_ADDR))
                    .add(NftMap.verdictMap(other, "m-elsewhere", DataType.IFNAME))
                    .add(Chain.regular(T, "noted").withComment("v1 record")));
            assertThat(nft.chainComments(T)).containsExactly(Map.entry("filter-input", Optional.empty()),
                    Map.entry("sv-pi-gnp/deny", Optional.empty()), Map.entry("noted", Optional.of("v1 record")));
            assertThat(nft.listSets(other)).containsExactlyInAnyOrder("s-elsewhere", "m-elsewhere");
            assertThat(nft.hasTable(other)).isTrue();
            assertThat(nft.hasTable(new Table(Family.INET, "selvedge3"))).isFalse();
            assertThat(nft.hasTable(new Table(Family.IP, "selvedge"))).isFalse();
            nft.run(new Transaction().delete(other).delete(Chain.regular(T, "noted")));
            List<RuleInfo> rules = nft.listRules(T, "sv-pi-gnp/deny");
            assertThat(rules).extracting(RuleInfo::comment).containsExactly(
                    Optional.of("deny /32"), Optional.of("deny /24"), Optional.of("deny /64"), Optional.of("deny interval"));
            assertThat(rules).allSatisfy(r -> assertThat(r.packets()).isZero());
            // replace and delete by handle
            nft.run(new Transaction().replace(Rule.of(POL, RuleBody.of("counter accept"), "replaced").withHandle(rules.get(3).handle()))
                    .delete(Rule.handle(POL, rules.get(2).handle())));
            assertThat(nft.listRules(T, "sv-pi-gnp/deny")).extracting(RuleInfo::comment)
                    .containsExactly(Optional.of("deny /32"), Optional.of("deny /24"), Optional.of("replaced"));
            // the same state programmed into the fake reads back the same names
            FakeNft fake = new FakeNft();
            fake.run(skeleton());
            assertThat(fake.listChains(T)).isEqualTo(nft.listChains(T));
        }
    }

    @Test
    void aTransactionWithOneBadLineChangesNothing() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            nft.run(skeleton().add(Elements.of(I4, List.of(IpPrefix.parse("203.0.113.0/24")))));
            List<String> chains = nft.listChains(T);
            List<String> sets = nft.listSets(T);
            List<RuleInfo> rules = nft.listRules(T, "sv-pi-gnp/deny");
            Transaction bad = new Transaction()
                    .flush(POL)
                    .add(Chain.regular(T, "extra"))
                    .add(Rule.of(Chain.regular(T, "extra"), RuleBody.of("counter accept")))
                    .delete(H6)
                    .add(Elements.of(H4, List.of(IpPrefix.parse("192.0.2.1"))))
                    .add(Elements.of(I4, List.of(IpPrefix.parse("203.0.113.128/25"))));   // overlaps: refused
            NftException e = catchThrowableOfType(() -> nft.run(bad), NftException.class);
            assertThat(e.kind()).isEqualTo(NftException.Kind.OTHER);
            assertThat(e.getMessage()).contains("interval overlaps with an existing one");
            assertThat(e.errors().get(0).line()).isEqualTo(9);
            assertThat(e.failingLine()).hasValue("203.0.113.128/25");
            assertThat(nft.listChains(T)).isEqualTo(chains);
            assertThat(nft.listSets(T)).isEqualTo(sets);
            assertThat(nft.listRules(T, "sv-pi-gnp/deny")).isEqualTo(rules);
            // the fake refuses the same transaction the same way
            FakeNft fake = new FakeNft();
            fake.run(skeleton().add(Elements.of(I4, List.of(IpPrefix.parse("203.0.113.0/24")))));
            NftException f = catchThrowableOfType(() -> fake.run(bad), NftException.class);
            assertThat(f.kind()).isEqualTo(e.kind());
        }
    }

    @Test
    void classifiesErrorsAndNamesTheScriptLine() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            nft.run(skeleton());
            NftException notFound = catchThrowableOfType(() -> nft.run(new Transaction().add(T).add(IN)
                    .delete(Chain.regular(T, "nope"))), NftException.class);
            assertThat(notFound.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
            assertThat(notFound.errors().get(0).line()).isEqualTo(3);
            assertThat(notFound.failingLine()).hasValue("delete chain inet selvedge nope");
            assertThat(notFound.stderr()).contains("No such file or directory");

            NftException exists = catchThrowableOfType(() -> nft.run(new Transaction().create(T)), NftException.class);
            assertThat(exists.kind()).isEqualTo(NftException.Kind.ALREADY_EXISTS);

            NftException busy = catchThrowableOfType(() -> nft.run(new Transaction().delete(H4)), NftException.class);
            assertThat(busy.kind()).isEqualTo(NftException.Kind.OTHER);
            assertThat(busy.getMessage()).contains("Device or resource busy");

            NftException missingSet = catchThrowableOfType(() -> nft.run(new Transaction()
                    .add(Rule.of(POL, RuleBody.builder().tokens("ip daddr").set("nope").tokens("drop").build()))), NftException.class);
            assertThat(missingSet.kind()).isEqualTo(NftException.Kind.NOT_FOUND);

            NftException typo = catchThrowableOfType(() -> nft.run(new Transaction().add(Rule.of(POL, RuleBody.of("ip saddr dorp")))),
                    NftException.class);
            assertThat(typo.kind()).isEqualTo(NftException.Kind.OTHER);
            assertThat(typo.failingLine()).hasValue("add rule inet selvedge sv-pi-gnp/deny ip saddr dorp");

            assertThat(catchThrowableOfType(() -> nft.listRules(T, "nope"), NftException.class).kind())
                    .isEqualTo(NftException.Kind.NOT_FOUND);
            assertThat(catchThrowableOfType(() -> nft.listChains(new Table(Family.INET, "nope")), NftException.class).kind())
                    .isEqualTo(NftException.Kind.NOT_FOUND);
        }
    }

    @Test
    void hostileCommentsArriveAsTextAndAddNothing() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            Transaction tx = skeleton();
            List<String> expected = new ArrayList<>(List.of("deny /32", "deny /24", "deny /64", "deny interval"));
            for (String bad : HostileInputTest.HOSTILE) {
                String prefix = bad.length() > 60 ? bad.substring(0, 60) : bad;
                tx.add(Rule.of(POL, RuleBody.builder().counter().tokens("log prefix").quoted(prefix).tokens("accept").build(), bad));
                expected.add(ScriptText.comment(bad));
            }
            tx.add(POL.withComment("} ; flush ruleset ; \"")).add(Chain.regular(T, "c2").withComment("x\nadd table ip evil"));
            nft.run(tx);
            assertThat(nft.listRules(T, "sv-pi-gnp/deny")).extracting(r -> r.comment().orElse(""))
                    .containsExactlyElementsOf(expected);
            assertThat(Netns.sh("ip", "netns", "exec", ns.name, "nft", "list", "tables").strip()).isEqualTo("table inet selvedge");
            assertThat(nft.listChains(T)).containsExactly("filter-input", "sv-pi-gnp/deny", "c2");
        }
    }

    @Test
    void streamsLargeElementLists() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            nft.run(skeleton());
            List<IpPrefix> hosts = IntStream.range(0, 200_000).mapToObj(i -> (IpPrefix) Ipv4Prefix.host(0x0A000000 + i * 7)).toList();
            long t0 = System.nanoTime();
            nft.run(new Transaction().add(Elements.of(H4, hosts)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("200k hash elements in one statement").isLessThan(30_000);
            long t1 = System.nanoTime();
            nft.run(new Transaction().delete(Elements.of(H4, hosts.subList(0, 500)))
                    .add(Elements.of(H4, List.of(IpPrefix.parse("192.0.2.200")))));
            assertThat((System.nanoTime() - t1) / 1_000_000).as("a small delta to a big hash set").isLessThan(5_000);
        }
    }

    /** Names the checker accepts really are names to nft 1.0.6 (keywords are refused before they get here). */
    @Test
    void acceptedNamesWorkAsChainSetAndJumpTargets() {
        List<String> names = List.of("input", "filter", "forward", "output", "prerouting", "selvedge", "Counter", "ip4", "counterx",
                "sv-pi-gnp/allow-web", "cali-fw-cali1234", "a.b", "_x", "X-4-24.g2", "s6_128", "a".repeat(200));
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            Transaction tx = new Transaction().add(T).add(POL);
            for (String n : names) {
                assertThat(ScriptText.isIdentifier(n)).as(n).isTrue();
                tx.add(Chain.regular(T, n)).add(NftSet.of(T, n, DataType.IPV4_ADDR))
                        .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set(n).verdict(Verdict.jump(n)).build()));
            }
            nft.run(tx);
            assertThat(nft.listChains(T)).containsAll(names);
            assertThat(nft.listSets(T)).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    /** Two namespaces joined by a veth pair; the receiver drops by set membership; a UDP echo shows it. */
    @Test
    void dropsPacketsBySetElementAndStopsWhenTheElementGoes() throws Exception {
        try (Netns client = Netns.create(); Netns server = Netns.create()) {
            client.exec("ip", "link", "add", "sv-a", "type", "veth", "peer", "name", "sv-b", "netns", server.name);
            client.exec("ip", "addr", "add", "198.51.100.1/24", "dev", "sv-a");
            server.exec("ip", "addr", "add", "198.51.100.2/24", "dev", "sv-b");
            client.exec("ip", "-6", "addr", "add", "2001:db8:5::1/64", "dev", "sv-a", "nodad");
            server.exec("ip", "-6", "addr", "add", "2001:db8:5::2/64", "dev", "sv-b", "nodad");
            client.exec("ip", "link", "set", "sv-a", "up");
            server.exec("ip", "link", "set", "sv-b", "up");
            ExecNft nft = ExecNft.inNamespace(server.name);
            nft.run(skeleton());
            Process echo = startEcho(server);
            try {
                assertThat(probe(client, "198.51.100.2")).as("no element: passes").isTrue();
                assertThat(probe(client, "2001:db8:5::2")).as("no element: passes (v6)").isTrue();

                nft.run(new Transaction().add(Elements.of(H4, List.of(IpPrefix.parse("198.51.100.1")))));
                assertThat(probe(client, "198.51.100.2")).as("/32 element: dropped").isFalse();
                assertThat(probe(client, "2001:db8:5::2")).as("v6 unaffected").isTrue();

                // the per-prefix-length form: the /24 is stored as its network address in s4_24
                nft.run(new Transaction().delete(Elements.of(H4, List.of(IpPrefix.parse("198.51.100.1"))))
                        .add(Elements.of(P4, List.of(IpPrefix.parse("198.51.100.0")))));
                assertThat(probe(client, "198.51.100.2")).as("/24 element: dropped").isFalse();
                nft.run(new Transaction().flush(P4).add(Elements.of(H6, List.of(IpPrefix.parse("2001:db8:5::")))));
                assertThat(probe(client, "198.51.100.2")).as("elements gone: passes again").isTrue();
                assertThat(probe(client, "2001:db8:5::2")).as("/64 element: dropped (v6)").isFalse();

                List<RuleInfo> rules = nft.listRules(T, "sv-pi-gnp/deny");
                assertThat(rules.get(0).packets()).as("deny /32 counted").isPositive();
                assertThat(rules.get(1).packets()).as("deny /24 counted").isPositive();
                assertThat(rules.get(2).packets()).as("deny /64 counted").isPositive();
            } finally {
                echo.destroyForcibly();
            }
        }
    }

    private static Process startEcho(Netns ns) throws Exception {
        Process p = new ProcessBuilder(javaCommand(ns, "serve", "7777")).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = r.readLine();
        assertThat(first).as("echo server started").isEqualTo("ready");
        return p;
    }

    private static boolean probe(Netns ns, String host) {
        // two tries: the first packet to a fresh neighbour may wait for address resolution
        for (int i = 0; i < 2; i++) {
            if (Netns.status(javaCommand(ns, "send", host, "7777", "700").toArray(String[]::new)) == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> javaCommand(Netns ns, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(UdpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", classes, UdpProbe.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
