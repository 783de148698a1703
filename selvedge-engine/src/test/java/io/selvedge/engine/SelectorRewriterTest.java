package io.selvedge.engine;

import static io.selvedge.engine.Fixtures.entity;
import static io.selvedge.engine.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.EntityRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy and rule selector rewriting, with the examples of spec §3.2–3.3 (Calico's rules_test.go). */
class SelectorRewriterTest {

  private static String rule(EntityRule e, String ns) {
    RuleSelectorRewriter.Sides s = RuleSelectorRewriter.rewrite(e, ns);
    return s.positive() + " | " + s.negative();
  }

  @Test
  void ruleSelectorsFromCalicosTests() {
    assertThat(rule(entity().nsSelector("namespace == 'red'").selector("has(label1)").build(), "ns"))
        .isEqualTo("(pcns.namespace == \"red\") && (has(label1)) | ");
    assertThat(rule(entity().nsSelector("all()").selector("has(label2)").build(), "ns"))
        .isEqualTo("(has(projectcalico.org/namespace)) && (has(label2)) | ");
    assertThat(rule(entity().nsSelector("global()").selector("has(label3)").build(), "ns"))
        .isEqualTo("(!has(projectcalico.org/namespace)) && (has(label3)) | ");
  }

  @Test
  void namespacingAndNotSelectorFolding() {
    // NetworkPolicy: own namespace as soon as any selector field is used (G3).
    assertThat(rule(entity().selector("a == 'b'").build(), "ns1"))
        .isEqualTo("(projectcalico.org/namespace == 'ns1') && (a == 'b') | ");
    assertThat(rule(entity().notSelector("a == 'b'").build(), "ns1"))
        .isEqualTo("(projectcalico.org/namespace == 'ns1') && (!(a == 'b')) | ");
    // Global policy: notSelector alone stays a negated match.
    assertThat(rule(entity().notSelector("a == 'b'").build(), "")).isEqualTo(" | a == 'b'");
    assertThat(rule(entity().selector("x == 'y'").notSelector("a == 'b'").build(), ""))
        .isEqualTo("(x == 'y') && (!(a == 'b')) | ");
    // Nets only: never namespaced.
    assertThat(rule(entity().nets("10.0.0.0/8").build(), "ns1")).isEqualTo(" | ");
    // A namespace selector alone selects every endpoint of the matching namespaces.
    assertThat(rule(entity().nsSelector("env == 'prod'").build(), "")).isEqualTo("pcns.env == \"prod\" | ");
  }

  @Test
  void serviceAccounts() {
    assertThat(rule(entity().serviceAccounts(List.of("b", "a", "b"), null).build(), ""))
        .isEqualTo("projectcalico.org/serviceaccount in {\"a\", \"b\"} | ");
    assertThat(rule(entity().serviceAccounts(List.of("a"), "team == 'x'").selector("app == 'y'").build(), ""))
        .isEqualTo("((pcsa.team == \"x\") && (projectcalico.org/serviceaccount in {\"a\"})) && (app == 'y') | ");
    // A quote in a name breaks Calico's splice: the whole constraint disappears (spec §3.3).
    assertThat(rule(entity().serviceAccounts(List.of("it's"), "team == 'x'").build(), "")).isEqualTo(" | ");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''             | ''        | projectcalico.org/namespace == 'ns1'",
      "app == 'a'     | ''        | (app == 'a') && projectcalico.org/namespace == 'ns1'",
      "app == 'a'     | all()     | ((app == 'a') && projectcalico.org/namespace == 'ns1') && all()",
      "''             | sa == 'x' | (projectcalico.org/namespace == 'ns1') && pcsa.sa == \"x\"",
  })
  void networkPolicySelectors(String selector, String saSelector, String expected) {
    assertThat(PolicySelectorRewriter.namespaced("ns1", spec().selector(selector).saSelector(saSelector).build()))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''         | ''              | ''        | ''",
      "all()      | ''              | ''        | all()",
      "''         | all()           | ''        | has(projectcalico.org/namespace)",
      "app == 'a' | env == 'prod'   | ''        | (app == 'a') && pcns.env == \"prod\"",
      "all()      | env == 'prod'   | ''        | (has(projectcalico.org/namespace)) && pcns.env == \"prod\"",
      "''         | ''              | all()     | has(projectcalico.org/serviceaccount)",
      "app == 'a' | ''              | t == 'x'  | (app == 'a') && pcsa.t == \"x\"",
  })
  void globalPolicySelectors(String selector, String nsSelector, String saSelector, String expected) {
    assertThat(PolicySelectorRewriter.global(
        spec().selector(selector).nsSelector(nsSelector).saSelector(saSelector).build())).isEqualTo(expected);
  }
}
