package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeNftTest {

    static final Table T = new Table(Family.INET, "selvedge");
    static final Chain IN = Chain.base(T, "filter-input", BaseChain.filter(BaseChain.Hook.INPUT, 0));
    static final Chain POL = Chain.regular(T, "sv-pi-gnp/deny");
    static final NftSet S4 = NftSet.of(T, "s4_32", DataType.IPV4_ADDR);
    static final NftSet S4I = NftSet.interval(T, "s4i", DataType.IPV4_ADDR);
    static final NftMap DISPATCH = NftMap.verdictMap(T, "from-wl", DataType.IFNAME);

    private static Transaction program() {
        return new Transaction()
                .add(T).add(IN).add(POL).add(S4).add(S4I).add(DISPATCH)
                .add(Elements.of(S4, List.of(IpPrefix.parse("192.0.2.55"), IpPrefix.parse("192.0.2.1"))))
                .add(Elements.of(S4I, List.of(IpPrefix.parse("203.0.113.0/24"), IpPrefix.parse("2.0.0.0/8"))))
                .add(Elements.of(DISPATCH, List.of(Element.mapping(IfName.of("cali1"), Verdict.goTo("sv-pi-gnp/deny")))))
                .add(Rule.of(IN, RuleBody.builder().tokens("iifname vmap").set("from-wl").build()))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("s4_32").tokens("counter drop").build(), "gnp deny 0"))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("s4i").tokens("counter drop").build(), "gnp deny 1"));
    }

    @Test
    void dumpIsStableGoldenText() {
        FakeNft nft = new FakeNft();
        nft.run(program());
        assertThat(nft.dump()).isEqualTo("""
                table inet selvedge
                  chain filter-input { type filter hook input priority 0 ; policy accept ; }
                    iifname vmap @from-wl
                  chain sv-pi-gnp/deny
                    ip saddr @s4_32 counter drop comment "gnp deny 0"
                    ip saddr @s4i counter drop comment "gnp deny 1"
                  map from-wl { type ifname : verdict ; }
                    "cali1" : goto sv-pi-gnp/deny
                  set s4_32 { type ipv4_addr ; }
                    192.0.2.1
                    192.0.2.55
                  set s4i { type ipv4_addr ; flags interval ; }
                    2.0.0.0/8
                    203.0.113.0/24
                """);
        // the same state reached in another order dumps the same
        FakeNft other = new FakeNft();
        other.run(new Transaction().add(T).add(S4I).add(S4).add(POL).add(DISPATCH).add(IN)
                .add(Elements.of(S4I, List.of(IpPrefix.parse("2.0.0.0/8"), IpPrefix.parse("203.0.113.0/24"))))
                .add(Elements.of(S4, List.of(IpPrefix.parse("192.0.2.1"), IpPrefix.parse("192.0.2.55"))))
                .add(Elements.of(DISPATCH, List.of(Element.mapping(IfName.of("cali1"), Verdict.goTo("sv-pi-gnp/deny")))))
                .add(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("s4i").tokens("counter drop").build(), "gnp deny 1"))
                .insert(Rule.of(POL, RuleBody.builder().tokens("ip saddr").set("s4_32").tokens("counter drop").build(), "gnp deny 0"))
                .add(Rule.of(IN, RuleBody.builder().tokens("iifname vmap").set("from-wl").build())));
        assertThat(other.dump()).isEqualTo(nft.dump());
    }

    @Test
    void rulesGetHandlesThatReplaceAndDeleteUse() {
        FakeNft nft = new FakeNft();
        nft.run(program());
        List<RuleInfo> rules = nft.listRules(T, "sv-pi-gnp/deny");
        assertThat(rules).extracting(RuleInfo::comment).containsExactly(Optional.of("gnp deny 0"), Optional.of("gnp deny 1"));
        long first = rules.get(0).handle();
        long second = rules.get(1).handle();
        assertThat(second).isGreaterThan(first);
        nft.run(new Transaction().replace(Rule.of(POL, RuleBody.of("counter accept"), "replaced").withHandle(second))
                .delete(Rule.handle(POL, first)));
        assertThat(nft.rules(T, "sv-pi-gnp/deny")).extracting(r -> r.body().render()).containsExactly("counter accept");
        assertThat(nft.rules(T, "sv-pi-gnp/deny").get(0).handle()).hasValue(second);
        assertThat(nft.listChains(T)).containsExactly("filter-input", "sv-pi-gnp/deny");
        assertThat(nft.listSets(T)).containsExactly("s4_32", "s4i", "from-wl");
    }

    @Test
    void aFailedTransactionChangesNothingEvenAfterManySteps() {
        FakeNft nft = new FakeNft();
        nft.run(program());
        String before = nft.dump();
        NftException e = catchThrowableOfType(() -> nft.run(new Transaction()
                .flush(S4I)
                .add(Elements.of(S4I, List.of(IpPrefix.parse("10.0.0.0/8"))))
                .delete(Elements.of(S4, List.of(IpPrefix.parse("192.0.2.55"))))
                .flush(POL)
                .delete(S4)
                .add(Chain.regular(T, "extra"))
                .add(Rule.of(Chain.regular(T, "extra"), RuleBody.of("jump sv-pi-gnp/deny")))
                .delete(Rule.handle(IN, 99))), NftException.class);
        assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(e.errors().get(0).line()).isEqualTo(12);
        assertThat(e.failingLine()).hasValue("delete rule inet selvedge filter-input handle 99");
        assertThat(nft.dump()).isEqualTo(before);
        assertThat(nft.transactions()).isEqualTo(1);
        // and the handle counter was rolled back too: the next rule gets the next handle
        nft.run(new Transaction().add(Rule.of(POL, RuleBody.of("counter"))));
        List<RuleInfo> rules = nft.listRules(T, "sv-pi-gnp/deny");
        assertThat(rules.get(2).handle()).isEqualTo(rules.get(1).handle() + 1);
    }

    @Test
    void overlapErrorsNameBothElements() {
        FakeNft nft = new FakeNft();
        nft.run(program());
        assertThatThrownBy(() -> nft.run(new Transaction().add(Elements.of(S4I, List.of(IpPrefix.parse("203.0.113.128/25"))))))
                .isInstanceOf(NftException.class)
                .hasMessageContaining("interval overlaps with an existing one: 203.0.113.128/25 and 203.0.113.0/24");
    }

    @Test
    void largeIntervalSetsStayFast() {
        FakeNft nft = new FakeNft();
        nft.run(new Transaction().add(T).add(S4I));
        List<IpPrefix> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            blocks.add(Ipv4Prefix.of(0x0A000000 + i * 256, 24));
        }
        long t0 = System.nanoTime();
        nft.run(new Transaction().add(Elements.of(S4I, blocks)));
        assertThat(nft.elements(T, "s4i")).hasSize(200_000);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms").isLessThan(10_000);
    }

    @Test
    void readsOfMissingThingsAreNotFound() {
        FakeNft nft = new FakeNft();
        assertThat(nft.hasTable(T)).isFalse();
        assertThat(catchThrowableOfType(() -> nft.listChains(T), NftException.class).kind()).isEqualTo(NftException.Kind.NOT_FOUND);
        nft.run(new Transaction().add(T));
        assertThat(catchThrowableOfType(() -> nft.listRules(T, "nope"), NftException.class).kind())
                .isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(nft.elements(T, "nope")).isEmpty();
        assertThat(nft.rules(T, "nope")).isEmpty();
    }
}
