package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hostile names, comments and labels cannot change a script: every input is either refused, or
 * ends up inside one double-quoted string of the one statement it belongs to.
 */
class HostileInputTest {

    static final Table T = new Table(Family.INET, "selvedge");
    static final Chain C = Chain.regular(T, "c");

    static final List<String> HOSTILE = List.of(
            "x; flush ruleset", "x\nflush ruleset", "x\r\nadd table ip evil", "x\" ; flush ruleset ; \"", "x\\\" ; drop",
            "} ; flush ruleset ; {", "x # comment", "$(reboot)", "`reboot`", "${IFS}", "x\u0000y", "x\u2028flush ruleset",
            "x\u202eevil", "名前", "🚀", "\"", "\\", "include \"/etc/shadow\"", "define x = 1", "a".repeat(300),
            "role == 'web' && env != \"prod\"", "eth0\"; flush ruleset; \"");

    @Test
    void namesAreRefusedEverywhere() {
        for (String bad : HOSTILE) {
            assertThatThrownBy(() -> new Table(Family.INET, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Chain.regular(T, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NftSet.of(T, bad, DataType.IPV4_ADDR)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NftMap.verdictMap(T, bad, DataType.IFNAME)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Elements(T, bad, List.of())).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Verdict.jump(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleBody.builder().set(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleBody.of("jump " + bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IfName.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IpPrefix.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void commentsStayInsideTheirQuotes() {
        for (String bad : HOSTILE) {
            Transaction tx = new Transaction()
                    .add(Rule.of(C, RuleBody.builder().counter().tokens("log prefix").quoted(bad).tokens("accept").build(), bad))
                    .add(C.withComment(bad))
                    .add(new NftSet(T, "s", List.of(DataType.IPV4_ADDR), Set.of(), java.util.OptionalInt.empty(), Optional.of(bad)))
                    .add(new NftMap(T, "m", List.of(DataType.IFNAME), DataType.VERDICT, Set.of(), Optional.of(bad)));
            String script = tx.toScript();
            List<String> lines = script.lines().toList();
            assertThat(lines).as(bad).hasSize(4);
            for (String line : lines) {
                assertSafeStatement(line, bad);
            }
            // with every quoted string replaced by "Q", the script is exactly the intended skeleton
            assertThat(script.replaceAll("\"[^\"]*\"", "\"Q\"")).as(bad).isEqualTo("""
                    add rule inet selvedge c counter log prefix "Q" accept comment "Q"
                    add chain inet selvedge c { comment "Q" ; }
                    add set inet selvedge s { type ipv4_addr ; comment "Q" ; }
                    add map inet selvedge m { type ifname : verdict ; comment "Q" ; }
                    """);
        }
    }

    /** Quotes pair up; outside them there is no # $ ` \\; inside them no \\ or control character. */
    static void assertSafeStatement(String line, String input) {
        boolean inQuotes = false;
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
                quotes++;
            } else if (inQuotes) {
                assertThat(ch == '\\' || Character.isISOControl(ch) || ch == '\u2028').as("in %s: %s", input, line).isFalse();
            } else {
                assertThat(ch == '#' || ch == '$' || ch == '`' || ch == '\\')
                        .as("outside quotes in %s: %s", input, line).isFalse();
            }
        }
        assertThat(inQuotes).as("unterminated string for %s: %s", input, line).isFalse();
        assertThat(quotes % 2).isZero();
    }
}
