package io.selvedge.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Selector#prefixLabels(String)} against Calico's PrefixVisitor table
 * ({@code parser_test.go}) and the rule-selector rewriting examples of spec §3.3.
 */
class SelectorPrefixLabelsTest {

  static Stream<Arguments> calicoVisitorTable() {
    return Stream.of(
        arguments("k == 'v'", "visited/k == \"v\""),
        arguments("k != 'v'", "visited/k != \"v\""),
        arguments("k contains 'v'", "visited/k contains \"v\""),
        arguments("k starts with 'v'", "visited/k starts with \"v\""),
        arguments("k ends with 'v'", "visited/k ends with \"v\""),
        arguments("k == 'v' && x == 'y'", "(visited/k == \"v\" && visited/x == \"y\")"),
        arguments("k == 'v' || has(x)", "(visited/k == \"v\" || has(visited/x))"),
        arguments("!(k == 'v')", "!visited/k == \"v\""),
        arguments("k in {'v'}", "visited/k in {\"v\"}"),
        arguments("k not in {'v'}", "visited/k not in {\"v\"}"),
        arguments("!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
            "!(!((visited/k == \"v\" && has(visited/t)) || all()) && visited/a in {\"b\", \"c\"})"),
        arguments("all()", "all()"),
        arguments("global()", "global()"),
        arguments("", "all()"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource
  void calicoVisitorTable(String selector, String expected) throws SelectorParseException {
    assertThat(Selector.parse(selector).prefixLabels("visited/").canonical()).isEqualTo(expected);
  }

  @Test
  void namespaceSelectorOfARule() throws SelectorParseException {
    // Spec §3.3: NP rule with namespaceSelector "namespace == 'red'" and selector "has(label1)".
    Selector nsSel = Selector.parse("namespace == 'red'").prefixLabels("pcns.");
    assertThat(nsSel.canonical()).isEqualTo("pcns.namespace == \"red\"");
    String combined = "(" + nsSel.canonical() + ") && (" + Selector.parse("has(label1)") + ")";
    assertThat(combined).isEqualTo("(pcns.namespace == \"red\") && (has(label1))");
    Selector rule = Selector.parse(combined);
    assertThat(rule.canonical()).isEqualTo("(pcns.namespace == \"red\" && has(label1))");
    assertThat(rule.matches(Map.of("pcns.namespace", "red", "label1", ""))).isTrue();
    assertThat(rule.matches(Map.of("namespace", "red", "label1", ""))).isFalse();
  }

  @Test
  void allAndGlobalSurvivePrefixingForTheTextualRewrite() throws SelectorParseException {
    // The engine replaces the text all() / global() after prefixing (spec §3.3 step 2).
    assertThat(Selector.parse("all()").prefixLabels("pcns.").canonical()
        .replace("all()", "has(projectcalico.org/namespace)"))
        .isEqualTo("has(projectcalico.org/namespace)");
    assertThat(Selector.parse("global()").prefixLabels("pcns.").canonical()
        .replace("global()", "!has(projectcalico.org/namespace)"))
        .isEqualTo("!has(projectcalico.org/namespace)");
    assertThat(Selector.parse("all() && a == 'b'").prefixLabels("pcsa.").canonical())
        .isEqualTo("(all() && pcsa.a == \"b\")");
  }

  @Test
  void prefixingKeepsTheOriginalAndChangesTheIdentity() throws SelectorParseException {
    Selector original = Selector.parse("has(a)");
    Selector prefixed = original.prefixLabels("pcsa.");
    assertThat(original.canonical()).isEqualTo("has(a)");
    assertThat(prefixed.canonical()).isEqualTo("has(pcsa.a)");
    assertThat(prefixed.uniqueId()).isNotEqualTo(original.uniqueId());
    assertThat(prefixed.labelRestrictions().asMap()).containsOnlyKeys("pcsa.a");
    assertThat(original.prefixLabels("")).isSameAs(original);
  }

  @Test
  void prefixMustBeLabelCharacters() throws SelectorParseException {
    Selector s = Selector.parse("has(a)");
    assertThatThrownBy(() -> s.prefixLabels("bad prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"bad prefix\"");
  }

  @Test
  void prefixedLabelMayExceedTheParserLimitAsInCalico() throws SelectorParseException {
    Selector s = Selector.parse("l".repeat(512) + " == 'x'").prefixLabels("pcns.");
    assertThat(((Node.LabelEquals) s.root()).label()).hasSize(517);
    assertThatThrownBy(() -> Selector.parse(s.canonical()))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining("label too long (517 characters");
  }
}
