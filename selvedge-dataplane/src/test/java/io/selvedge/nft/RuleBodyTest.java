package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBodyTest {

    @Test
    void buildsFromTypedPieces() {
        RuleBody b = RuleBody.builder()
                .tokens("meta l4proto tcp ip saddr").set("sv4-lb").tokens("tcp dport").anonymousSet(List.of(new Port(80), new Port(443)))
                .tokens("iifname").value(IfName.of("cali*")).counter().tokens("meta mark set mark or 0x10000")
                .quoted("calico-packet: ").verdict(Verdict.jump("sv-pi-gnp/allow-web")).build();
        assertThat(b.render()).isEqualTo("meta l4proto tcp ip saddr @sv4-lb tcp dport { 80 , 443 } iifname \"cali*\" counter "
                + "meta mark set mark or 0x10000 \"calico-packet: \" jump sv-pi-gnp/allow-web");
        assertThat(b.setReferences()).containsExactly("sv4-lb");
        assertThat(b.chainReferences()).containsExactly("sv-pi-gnp/allow-web");
    }

    @Test
    void acceptsPreValidatedTokens() {
        assertThat(RuleBody.of("ct state established,related counter accept").render())
                .isEqualTo("ct state established,related counter accept");
        assertThat(RuleBody.of("ip saddr 10.0.0.0/8 tcp dport 1024-65535 meta mark & 0x20000 == 0 goto x").chainReferences())
                .containsExactly("x");
        assertThat(RuleBody.of("ip6 saddr 2001:db8::/32 drop").render()).isEqualTo("ip6 saddr 2001:db8::/32 drop");
    }

    @Test
    void ipv6AddressesMayStartWithTwoColons() {
        assertThat(RuleBody.builder().tokens("ip6 saddr").value(IpPrefix.parse("::1")).tokens("drop").build().render())
                .isEqualTo("ip6 saddr ::1 drop");
        assertThat(RuleBody.of("ip6 daddr != { ::/1 , 8000::/1 } accept").render()).isEqualTo("ip6 daddr != { ::/1 , 8000::/1 } accept");
        assertThatThrownBy(() -> RuleBody.of(":x accept")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"accept; flush ruleset", "accept\nflush ruleset", "accept # x", "comment \"x\"", "\"eth0\"",
        "@set", "ip saddr $var", "`reboot`", "a\\b", "accept }", "{ accept", "drop\r", "ip saddr 1.2.3.4\u2028flush ruleset"})
    void refusesUnsafeTokens(String text) {
        assertThatThrownBy(() -> RuleBody.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordConstructorChecksTokensToo() {
        assertThatThrownBy(() -> new RuleBody(List.of("accept", ";", "flush", "ruleset"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleBody(List.of("\"x\"y\""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleBody(List.of("@counter"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleBody(List.of("}", "{"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleBody(List.of())).isInstanceOf(IllegalArgumentException.class);
        // nft expands $variables inside log prefixes
        assertThatThrownBy(() -> new RuleBody(List.of("log", "prefix", "\"$(x)\""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(RuleBody.builder().tokens("log prefix").quoted("$(reboot) ${x}").build().render())
                .isEqualTo("log prefix \"_(reboot) _{x}\"");
    }
}
