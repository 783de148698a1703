package io.selvedge.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One table of nft behaviours, each a setup plus one transaction and the outcome nft 1.0.6 gives.
 * {@link FakeNftConformanceTest} runs them against {@link FakeNft}; {@link NftConformanceIT}
 * runs the very same list against real nft in a network namespace. A behaviour the fake gets
 * wrong therefore fails one of the two.
 */
final class ConformanceScenarios {

    /** OK, or the kind of the NftException. */
    enum Outcome { OK, NOT_FOUND, ALREADY_EXISTS, OTHER }

    record Scenario(String name, Consumer<Transaction> tx, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Table T = new Table(Family.INET, "sv_conf");
    static final Chain C = Chain.regular(T, "c");
    static final Chain D = Chain.regular(T, "d");
    static final Chain BASE = Chain.base(T, "in_hook", BaseChain.filter(BaseChain.Hook.INPUT, 0));
    static final NftSet H = NftSet.of(T, "h", DataType.IPV4_ADDR);
    static final NftSet I = NftSet.interval(T, "i", DataType.IPV4_ADDR);
    static final NftMap M = NftMap.verdictMap(T, "m", DataType.IFNAME);
    static final NftMap WM = NftMap.verdictMap(T, "wm", DataType.IFNAME, SetFlag.INTERVAL);

    private ConformanceScenarios() {
    }

    /** The state every scenario starts from (after deleting the table if it exists). */
    static Transaction setup() {
        return new Transaction()
                .add(T).add(C).add(D).add(BASE).add(H).add(I).add(M).add(WM)
                .add(Elements.of(H, List.of(ip("10.0.0.1"))))
                .add(Elements.of(I, List.of(ip("10.6.0.0/16"))))
                .add(Elements.of(M, List.of(Element.mapping(IfName.of("veth0"), Verdict.goTo("c")))))
                .add(Rule.of(D, RuleBody.builder().tokens("ip saddr").set("h").tokens("counter drop").build()))
                .add(Rule.of(D, RuleBody.builder().tokens("iifname vmap").set("m").build()));
    }

    static IpPrefix ip(String s) {
        return IpPrefix.parse(s);
    }

    private static Elements els(NftObject set, String... ips) {
        List<Element> l = new ArrayList<>();
        for (String s : ips) {
            l.add(Element.of(ip(s)));
        }
        String name = set instanceof NftSet s ? s.name() : ((NftMap) set).name();
        return new Elements(T, name, l);
    }

    private static Elements ifmap(NftMap m, String ifname, Verdict v) {
        return Elements.of(m, List.of(Element.mapping(IfName.of(ifname), v)));
    }

    /** Two transactions: re-adding a set with a larger size lets the next transaction fill it. */
    static void sizeChangeTakesEffectAfterCommit(Nft nft) {
        NftSet small = NftSet.of(T, "small", DataType.IPV4_ADDR);
        nft.run(new Transaction().add(small.withSize(2)).add(els(small, "10.0.0.1", "10.0.0.2")));
        nft.run(new Transaction().add(small.withSize(4)));
        nft.run(new Transaction().add(els(small, "10.0.0.3", "10.0.0.4")));
    }

    static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>();
        Chain x = Chain.regular(T, "x");
        // tables
        s.add(new Scenario("add existing table", tx -> tx.add(T), Outcome.OK));
        s.add(new Scenario("create existing table", tx -> tx.create(T), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("delete missing table", tx -> tx.delete(new Table(Family.INET, "sv_nope")), Outcome.NOT_FOUND));
        s.add(new Scenario("flush table keeps chains", tx -> tx.flush(T).delete(H), Outcome.OK));
        s.add(new Scenario("delete table", tx -> tx.delete(T), Outcome.OK));
        // chains
        s.add(new Scenario("add existing chain", tx -> tx.add(C), Outcome.OK));
        s.add(new Scenario("create existing chain", tx -> tx.create(C), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("delete missing chain", tx -> tx.delete(x), Outcome.NOT_FOUND));
        s.add(new Scenario("flush missing chain", tx -> tx.flush(x), Outcome.NOT_FOUND));
        s.add(new Scenario("delete chain used by a map element", tx -> tx.delete(C), Outcome.OTHER));
        s.add(new Scenario("delete chain used by a jump", tx -> tx.add(x).add(Rule.of(C, RuleBody.of("jump x"))).delete(x), Outcome.OTHER));
        s.add(new Scenario("flush jumping chain, then delete target", tx -> tx.add(x).add(Rule.of(C, RuleBody.of("jump x")))
                .flush(C).delete(x), Outcome.OK));
        s.add(new Scenario("delete chain with rules, unused", tx -> tx.delete(D), Outcome.OK));
        s.add(new Scenario("re-add base chain, same", tx -> tx.add(BASE), Outcome.OK));
        s.add(new Scenario("re-add base chain, policy drop", tx -> tx.add(Chain.base(T, "in_hook",
                new BaseChain(BaseChain.Type.FILTER, BaseChain.Hook.INPUT, 0, BaseChain.Policy.DROP))), Outcome.OK));
        s.add(new Scenario("re-add base chain, other priority", tx -> tx.add(Chain.base(T, "in_hook",
                BaseChain.filter(BaseChain.Hook.INPUT, 10))), Outcome.OTHER));
        // rules
        s.add(new Scenario("rule using a missing set", tx -> tx.add(Rule.of(C, RuleBody.builder().tokens("ip saddr").set("nope").build())),
                Outcome.NOT_FOUND));
        s.add(new Scenario("rule jumping to a missing chain", tx -> tx.add(Rule.of(C, RuleBody.of("jump nope"))), Outcome.NOT_FOUND));
        s.add(new Scenario("rule in a missing chain", tx -> tx.add(Rule.of(x, RuleBody.of("accept"))), Outcome.NOT_FOUND));
        s.add(new Scenario("delete rule by unknown handle", tx -> tx.delete(Rule.handle(D, 9999)), Outcome.NOT_FOUND));
        s.add(new Scenario("rule with a set created in the same transaction", tx -> tx.add(NftSet.of(T, "n", DataType.IPV4_ADDR))
                .add(Rule.of(C, RuleBody.builder().tokens("ip daddr").set("n").tokens("accept").build())), Outcome.OK));
        // sets
        s.add(new Scenario("add existing set, same definition", tx -> tx.add(H), Outcome.OK));
        s.add(new Scenario("add existing set, other type", tx -> tx.add(NftSet.of(T, "h", DataType.IPV6_ADDR)), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("create existing set", tx -> tx.create(H), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("delete missing set", tx -> tx.delete(NftSet.of(T, "nope", DataType.IPV4_ADDR)), Outcome.NOT_FOUND));
        s.add(new Scenario("flush missing set", tx -> tx.flush(NftSet.of(T, "nope", DataType.IPV4_ADDR)), Outcome.NOT_FOUND));
        s.add(new Scenario("delete set used by a rule", tx -> tx.delete(H), Outcome.OTHER));
        s.add(new Scenario("flush the chain, then delete the set", tx -> tx.flush(D).delete(H), Outcome.OK));
        s.add(new Scenario("elements of a missing set", tx -> tx.add(new Elements(T, "nope", List.of(Element.of(ip("10.0.0.1"))))),
                Outcome.NOT_FOUND));
        // plain (hash) set elements
        s.add(new Scenario("hash: add an existing element", tx -> tx.add(els(H, "10.0.0.1")), Outcome.OK));
        s.add(new Scenario("hash: add a duplicate in one statement", tx -> tx.add(els(H, "10.0.0.9", "10.0.0.9")), Outcome.OK));
        s.add(new Scenario("hash: create an existing element", tx -> tx.create(els(H, "10.0.0.1")), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("hash: create a duplicate in one statement", tx -> tx.create(els(H, "10.0.0.7", "10.0.0.7")),
                Outcome.ALREADY_EXISTS));
        s.add(new Scenario("hash: delete a missing element", tx -> tx.delete(els(H, "10.9.9.9")), Outcome.NOT_FOUND));
        s.add(new Scenario("hash: delete twice in one transaction", tx -> tx.delete(els(H, "10.0.0.1")).delete(els(H, "10.0.0.1")),
                Outcome.NOT_FOUND));
        s.add(new Scenario("hash: delete and re-add in one transaction", tx -> tx.delete(els(H, "10.0.0.1")).add(els(H, "10.0.0.1")),
                Outcome.OK));
        s.add(new Scenario("hash: a prefix in a set without interval", tx -> tx.add(els(H, "10.1.0.0/16")), Outcome.OTHER));
        s.add(new Scenario("hash: IPv6 in an IPv4 set", tx -> tx.add(els(H, "2001:db8::1")), Outcome.OTHER));
        s.add(new Scenario("hash: add beyond the size", tx -> tx.add(NftSet.of(T, "small", DataType.IPV4_ADDR).withSize(2))
                .add(els(NftSet.of(T, "small", DataType.IPV4_ADDR), "10.0.0.1", "10.0.0.2", "10.0.0.3")), Outcome.OTHER));
        s.add(new Scenario("hash: add up to the size", tx -> tx.add(NftSet.of(T, "small", DataType.IPV4_ADDR).withSize(2))
                .add(els(NftSet.of(T, "small", DataType.IPV4_ADDR), "10.0.0.1", "10.0.0.2", "10.0.0.2")), Outcome.OK));
        s.add(new Scenario("hash: a new size is not in effect before the commit", tx -> tx
                .add(NftSet.of(T, "small", DataType.IPV4_ADDR).withSize(2)).add(NftSet.of(T, "small", DataType.IPV4_ADDR).withSize(4))
                .add(els(NftSet.of(T, "small", DataType.IPV4_ADDR), "10.0.0.1", "10.0.0.2", "10.0.0.3")), Outcome.OTHER));
        // interval set elements
        s.add(new Scenario("interval: add inside an existing element", tx -> tx.add(els(I, "10.6.1.0/24")), Outcome.OTHER));
        s.add(new Scenario("interval: add covering an existing element", tx -> tx.add(els(I, "10.0.0.0/8")), Outcome.OTHER));
        s.add(new Scenario("interval: add a host inside an existing element", tx -> tx.add(els(I, "10.6.3.4")), Outcome.OTHER));
        s.add(new Scenario("interval: conflicting elements in one statement", tx -> tx.add(els(I, "10.5.0.0/16", "10.5.1.0/24")),
                Outcome.OTHER));
        s.add(new Scenario("interval: conflicting elements in two statements", tx -> tx.add(els(I, "10.5.0.0/16")).add(els(I, "10.5.1.0/24")),
                Outcome.OTHER));
        s.add(new Scenario("interval: add the identical element", tx -> tx.add(els(I, "10.6.0.0/16")), Outcome.OK));
        s.add(new Scenario("interval: identical duplicate in one statement", tx -> tx.add(els(I, "10.7.0.0/24", "10.7.0.0/24")), Outcome.OK));
        s.add(new Scenario("interval: adjacent elements", tx -> tx.add(els(I, "10.7.0.0/24", "10.7.1.0/24", "10.5.255.255")), Outcome.OK));
        s.add(new Scenario("interval: create the identical element", tx -> tx.create(els(I, "10.6.0.0/16")), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("interval: delete a missing element", tx -> tx.delete(els(I, "10.9.0.0/24")), Outcome.NOT_FOUND));
        s.add(new Scenario("interval: delete part of an element", tx -> tx.delete(els(I, "10.6.1.0/24")), Outcome.NOT_FOUND));
        s.add(new Scenario("interval: flush, then add what overlapped", tx -> tx.flush(I).add(els(I, "10.6.1.0/24", "10.7.0.0/16")),
                Outcome.OK));
        s.add(new Scenario("interval: delete, then add what overlapped", tx -> tx.delete(els(I, "10.6.0.0/16")).add(els(I, "10.6.1.0/24")),
                Outcome.OK));
        s.add(new Scenario("interval: IPv6 /64 in an IPv6 interval set", tx -> tx.add(NftSet.interval(T, "i6", DataType.IPV6_ADDR))
                .add(new Elements(T, "i6", List.of(Element.of(ip("2001:db8:1::/64")), Element.of(ip("2001:db8:2::1"))))), Outcome.OK));
        s.add(new Scenario("interval: IPv6 overlap", tx -> tx.add(NftSet.interval(T, "i6", DataType.IPV6_ADDR))
                .add(new Elements(T, "i6", List.of(Element.of(ip("2001:db8::/32")), Element.of(ip("2001:db8:2::1"))))), Outcome.OTHER));
        // maps
        s.add(new Scenario("map: add existing key, same value", tx -> tx.add(ifmap(M, "veth0", Verdict.goTo("c"))), Outcome.OK));
        s.add(new Scenario("map: add existing key, other value", tx -> tx.add(ifmap(M, "veth0", Verdict.ACCEPT)), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("map: create existing key", tx -> tx.create(ifmap(M, "veth0", Verdict.goTo("c"))), Outcome.ALREADY_EXISTS));
        s.add(new Scenario("map: verdict to a missing chain", tx -> tx.add(ifmap(M, "veth1", Verdict.jump("nope"))), Outcome.NOT_FOUND));
        s.add(new Scenario("map: wildcard key without interval", tx -> tx.add(ifmap(M, "eth*", Verdict.ACCEPT)), Outcome.OTHER));
        s.add(new Scenario("map: wildcard key with interval", tx -> tx.add(ifmap(WM, "eth*", Verdict.ACCEPT))
                .add(ifmap(WM, "veth0", Verdict.goTo("c"))), Outcome.OK));
        s.add(new Scenario("map: delete a missing key", tx -> tx.delete(ifmap(M, "nope0", Verdict.ACCEPT)), Outcome.NOT_FOUND));
        // atomicity
        s.add(new Scenario("atomic: a late failure undoes everything", tx -> tx.add(Chain.regular(T, "fresh"))
                .add(Rule.of(Chain.regular(T, "fresh"), RuleBody.of("counter accept")))
                .add(els(H, "10.0.0.2")).flush(I).delete(Chain.regular(T, "nope")), Outcome.NOT_FOUND));
        return s;
    }
}
