package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionTest {

    static final Table T = new Table(Family.INET, "selvedge");

    @Test
    void rendersEveryKindOfOperation() {
        Chain input = Chain.base(T, "filter-input", BaseChain.filter(BaseChain.Hook.INPUT, BaseChain.FILTER)).withComment("input hook");
        Chain pol = Chain.regular(T, "sv-pi-gnp/allow");
        NftSet s4 = new NftSet(T, "s4_24", List.of(DataType.IPV4_ADDR), Set.of(), java.util.OptionalInt.of(1024),
                Optional.of("selector role == 'lb'"));
        NftSet np = new NftSet(T, "np", List.of(DataType.IPV4_ADDR, DataType.INET_PROTO, DataType.INET_SERVICE),
                Set.of(SetFlag.INTERVAL), java.util.OptionalInt.empty(), Optional.empty());
        NftMap dispatch = NftMap.verdictMap(T, "from-wl", DataType.IFNAME, SetFlag.INTERVAL);
        Transaction tx = new Transaction()
                .add(T).flush(T)
                .add(input).add(pol)
                .add(s4).add(np).add(dispatch)
                .add(Elements.of(s4, List.of(IpPrefix.parse("192.0.2.0"), IpPrefix.parse("198.51.100.0"))))
                .add(Elements.of(np, List.of(new Concat(List.of(IpPrefix.parse("10.0.0.0/8"), new Num(6), new Port(80))))))
                .add(Elements.of(dispatch, List.of(Element.mapping(IfName.of("cali*"), Verdict.goTo("sv-pi-gnp/allow")))))
                .add(Rule.of(input, RuleBody.builder().tokens("iifname vmap").set("from-wl").build()))
                .add(Rule.of(pol, RuleBody.builder().tokens("ip saddr & 255.255.255.0").set("s4_24").tokens("counter drop").build(),
                        "gnp default.deny ingress 0"))
                .insert(Rule.of(pol, RuleBody.of("counter")))
                .replace(Rule.of(pol, RuleBody.of("counter accept")).withHandle(7))
                .delete(Rule.handle(pol, 8))
                .delete(Elements.of(s4, List.of(IpPrefix.parse("192.0.2.0"))))
                .create(Elements.of(s4, List.of(IpPrefix.parse("192.0.2.0"))))
                .add(Elements.of(s4, List.of()))
                .flush(s4).flush(pol).delete(dispatch).delete(pol).create(T);
        assertThat(tx.toScript()).isEqualTo("""
                add table inet selvedge
                flush table inet selvedge
                add chain inet selvedge filter-input { type filter hook input priority 0 ; policy accept ; comment "input hook" ; }
                add chain inet selvedge sv-pi-gnp/allow
                add set inet selvedge s4_24 { type ipv4_addr ; size 1024 ; comment "selector role == 'lb'" ; }
                add set inet selvedge np { type ipv4_addr . inet_proto . inet_service ; flags interval ; }
                add map inet selvedge from-wl { type ifname : verdict ; flags interval ; }
                add element inet selvedge s4_24 {
                  192.0.2.0, 198.51.100.0
                }
                add element inet selvedge np {
                  10.0.0.0/8 . 6 . 80
                }
                add element inet selvedge from-wl {
                  "cali*" : goto sv-pi-gnp/allow
                }
                add rule inet selvedge filter-input iifname vmap @from-wl
                add rule inet selvedge sv-pi-gnp/allow ip saddr & 255.255.255.0 @s4_24 counter drop comment "gnp default.deny ingress 0"
                insert rule inet selvedge sv-pi-gnp/allow counter
                replace rule inet selvedge sv-pi-gnp/allow handle 7 counter accept
                delete rule inet selvedge sv-pi-gnp/allow handle 8
                delete element inet selvedge s4_24 {
                  192.0.2.0
                }
                create element inet selvedge s4_24 {
                  192.0.2.0
                }
                flush set inet selvedge s4_24
                flush chain inet selvedge sv-pi-gnp/allow
                delete map inet selvedge from-wl
                delete chain inet selvedge sv-pi-gnp/allow
                create table inet selvedge
                """);
        assertThat(tx.line(3, 1000)).startsWith("add chain inet selvedge filter-input {");
        assertThat(tx.line(9, 1000)).isEqualTo("  192.0.2.0, 198.51.100.0");
        assertThat(tx.line(99, 1000)).isEmpty();
        assertThat(tx.line(3, 10)).isEqualTo("add chain ");
    }

    @Test
    void splitsLongElementListsIntoLinesOfSixteen() {
        List<IpPrefix> ips = java.util.stream.IntStream.range(0, 33).mapToObj(i -> (IpPrefix) Ipv4Prefix.host(0x0A000000 + i)).toList();
        String script = new Transaction().add(Elements.of(NftSet.of(T, "h", DataType.IPV4_ADDR), ips)).toScript();
        List<String> lines = script.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("  10.0.0.0, 10.0.0.1,").endsWith("10.0.0.15,");
        assertThat(lines.get(3)).isEqualTo("  10.0.0.32");
        assertThat(lines.get(4)).isEqualTo("}");
    }

    @Test
    void streamsAMillionElementsInOneStatementALineAtATime() throws Exception {
        int n = 1_000_000;
        // a lazy list: the elements are made while rendering, as a compact set representation would
        List<Element> lazy = new AbstractList<>() {
            @Override
            public Element get(int i) {
                return Element.of(Ipv4Prefix.host(0x0A000000 + i));
            }

            @Override
            public int size() {
                return n;
            }
        };
        Transaction tx = new Transaction().add(new Elements(T, "big", lazy));
        long[] chars = {0};
        int[] longestWrite = {0};
        int[] newlines = {0};
        tx.render(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                chars[0] += len;
                longestWrite[0] = Math.max(longestWrite[0], len);
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        newlines[0]++;
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        assertThat(newlines[0]).isEqualTo(2 + n / 16);
        assertThat(chars[0]).isGreaterThan(12L * n);
        assertThat(longestWrite[0]).as("the renderer writes a line at a time").isLessThan(1000);
    }

    @Test
    void refusesOperationsNftDoesNotHave() {
        Chain c = Chain.regular(T, "c");
        assertThatThrownBy(() -> new Transaction().flush(Rule.of(c, RuleBody.of("accept")))).hasMessageContaining("flush rule");
        assertThatThrownBy(() -> new Transaction().delete(Rule.of(c, RuleBody.of("accept")))).hasMessageContaining("handle");
        assertThatThrownBy(() -> new Transaction().op(Verb.INSERT, c)).hasMessageContaining("only for rules");
        assertThatThrownBy(() -> new Transaction().flush(new Elements(T, "s", List.of()))).hasMessageContaining("elements");
    }
}
