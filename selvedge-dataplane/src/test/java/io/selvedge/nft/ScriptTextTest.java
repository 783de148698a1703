package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"selvedge", "input", "filter", "forward", "sv-pi-gnp/allow-web", "cali-fw-cali1234", "_x", "a.b",
        "s4_24", "Counter", "counterx", "ip4"})
    void acceptsNames(String name) {
        assertThat(ScriptText.isIdentifier(name)).isTrue();
        assertThat(ScriptText.identifier("chain name", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "counter", "drop", "accept", "ip", "ip6", "tcp", "set", "map", "chain", "table", "jump", "meta", "mark",
        "comment", "elements", "type", "auto-merge", "in", "1abc", "-x", ".x", "a b", "a;b", "a\"b", "a#b", "a}b", "a{b", "a$b",
        "a`b`", "a\nb", "a@b", "a*", "ä", "a:b", "a\\b", "$(reboot)", "x;flush ruleset", "x\nflush ruleset"})
    void rejectsNames(String name) {
        assertThat(ScriptText.isIdentifier(name)).isFalse();
        assertThatThrownBy(() -> ScriptText.identifier("chain name", name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("chain name");
    }

    @Test
    void rejectsLongNamesAndQuotesThemSafely() {
        assertThat(ScriptText.isIdentifier("a".repeat(256))).isTrue();
        assertThat(ScriptText.isIdentifier("a".repeat(257))).isFalse();
        assertThatThrownBy(() -> ScriptText.identifier("set name", "x\ny\"z"))
                .hasMessage("set name \"x\\u000ay\\\"z\" is not allowed (use a letter or _ first, then letters, digits, _ - . /)");
    }

    @Test
    void commentsKeepHarmlessTextAndReplaceTheRest() {
        assertThat(ScriptText.comment("gnp default/allow-web ingress rule 0")).isEqualTo("gnp default/allow-web ingress rule 0");
        assertThat(ScriptText.comment("a;b #c {d} $(e) `f` 'g'")).isEqualTo("a;b #c {d} $(e) `f` 'g'");
        assertThat(ScriptText.comment("x\" ; flush ruleset ; \"")).isEqualTo("x_ ; flush ruleset ; _");
        assertThat(ScriptText.comment("a\nb\rc\td\u0000e\\f\u2028g\u202eh")).isEqualTo("a_b_c_d_e_f_g_h");
        assertThat(ScriptText.comment("Grüße 🚀")).isEqualTo("Grüße 🚀");
    }

    @Test
    void commentsAreCutAt128BytesWithoutSplittingACharacter() {
        assertThat(ScriptText.comment("x".repeat(200))).hasSize(128);
        String cut = ScriptText.comment("é".repeat(100));
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(128);
        String emoji = ScriptText.comment("ab" + "🚀".repeat(40));
        assertThat(emoji.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(128);
        assertThat(emoji.codePoints().allMatch(cp -> cp == 'a' || cp == 'b' || cp == 0x1F680)).isTrue();
    }
}
