package io.selvedge.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public API of {@link Selector} and its node records. */
class SelectorTest {

  @Test
  void emptyAndBlankAreAll() throws SelectorParseException {
    assertThat(Selector.parse("")).isEqualTo(Selector.ALL);
    assertThat(Selector.parse(" \t")).isEqualTo(Selector.ALL);
    assertThat(Selector.ALL.canonical()).isEqualTo("all()");
    assertThat(Selector.ALL.uniqueId()).isEqualTo("s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug");
    assertThat(Selector.ALL.root()).isEqualTo(new Node.All());
    assertThat(Selector.ALL.labelRestrictions().isEmpty()).isTrue();
  }

  @Test
  void equalityIsByCanonicalForm() throws SelectorParseException {
    Selector a = Selector.parse("a=='x'&&b in {'z','y','z'}");
    Selector b = Selector.parse("(a == \"x\" && b in {\"y\", \"z\"})");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.uniqueId()).isEqualTo(b.uniqueId());
    assertThat(a.toString()).isEqualTo("(a == \"x\" && b in {\"y\", \"z\"})");
    assertThat(a).isNotEqualTo(Selector.parse("a == 'x' && (b in {'y', 'z'} && all())"));
  }

  @Test
  void uniqueIdMatchesCalico() throws SelectorParseException {
    assertThat(Selector.parse("! (has( b)||! has(a ))").uniqueId())
        .isEqualTo("s:Iss0uCleLYv1GSv_pNm7hAO58kE9jAx1NKyG3Q");
  }

  @Test
  void missingLabelSemantics() throws SelectorParseException {
    Map<String, String> none = Map.of();
    assertThat(Selector.parse("a != 'x'").matches(none)).isTrue();
    assertThat(Selector.parse("a not in {'x'}").matches(none)).isTrue();
    assertThat(Selector.parse("a not in {}").matches(none)).isTrue();
    for (String s : List.of("a == 'x'", "a in {'x'}", "a contains ''", "a starts with ''",
        "a ends with ''", "has(a)", "a in {}")) {
      assertThat(Selector.parse(s).matches(none)).as(s).isFalse();
    }
    assertThat(Selector.parse("global()").matches(none)).isTrue();
    assertThat(Selector.parse("has(a)").matches(Map.of("a", ""))).isTrue();
    assertThat(Selector.parse("a in {}").matches(Map.of("a", ""))).isFalse();
  }

  @Test
  void labelsInterfaceAndNullValues() throws SelectorParseException {
    Selector s = Selector.parse("has(a) && b != 'x'");
    Labels computed = key -> key.equals("a") ? "1" : null;
    assertThat(s.matches(computed)).isTrue();
    Map<String, String> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThat(s.matches(withNull)).as("a key mapped to null is absent").isFalse();
    assertThatThrownBy(() -> s.matches((Labels) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Selector.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void treeShape() throws SelectorParseException {
    Node root = Selector.parse("!!a == 'x' && !(b in {'y'}) || has(c) && (d == 'e' && f == 'g')")
        .root();
    assertThat(root).isEqualTo(new Node.Or(List.of(
        new Node.And(List.of(
            new Node.LabelEquals("a", "x"),
            new Node.Not(new Node.LabelIn("b", ValueSet.of("y"))))),
        new Node.And(List.of(
            new Node.Has("c"),
            new Node.And(List.of(
                new Node.LabelEquals("d", "e"), new Node.LabelEquals("f", "g"))))))));
  }

  @Test
  void negatedGroupOfANegationPrintsBothBangsAsCalicoDoes() throws SelectorParseException {
    Selector s = Selector.parse("!(!has(a))");
    assertThat(s.root()).isEqualTo(new Node.Not(new Node.Not(new Node.Has("a"))));
    assertThat(s.canonical()).isEqualTo("!!has(a)");
    assertThat(Selector.parse(s.canonical()).canonical()).isEqualTo("has(a)");
  }

  @Test
  void selectorsBuiltInCode() {
    Selector s = Selector.of(new Node.And(List.of(new Node.Has("a"), new Node.Global())));
    assertThat(s.canonical()).isEqualTo("(has(a) && global())");
    assertThat(s.matches(Map.of("a", "v"))).isTrue();
  }

  @Test
  void nodeInvariants() {
    assertThatThrownBy(() -> new Node.Has("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Node.Has("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Node.LabelEquals("a", "'\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both quote characters");
    assertThatThrownBy(() -> new Node.And(List.of(new Node.All())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Node.Or(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueSetUsesUtf8ByteOrder() throws SelectorParseException {
    // UTF-16 order would put U+1F600 (a surrogate pair) before U+FF5E; UTF-8 byte order does not.
    ValueSet set = ValueSet.of("\uD83D\uDE00", "\uFF5E", "b", "a", "b", "");
    assertThat(set.asList()).containsExactly("", "a", "b", "\uFF5E", "\uD83D\uDE00");
    assertThat(Selector.parse("k in {'\uD83D\uDE00', '\uFF5E'}").canonical())
        .isEqualTo("k in {\"\uFF5E\", \"\uD83D\uDE00\"}");
  }

  @Test
  void labelRestrictionsBeyondTheConformanceFile() throws SelectorParseException {
    LabelRestrictions r = Selector.parse("a in {} && !has(b)").labelRestrictions();
    // Calico reads an empty set literal as "any value".
    assertThat(r.get("a")).contains(LabelRestriction.PRESENT);
    assertThat(r.get("b")).contains(LabelRestriction.ABSENT);
    assertThat(r.get("c")).isEmpty();
    assertThat(r.permits(Labels.of(Map.of("a", "1")))).isTrue();
    assertThat(r.permits(Labels.of(Map.of("a", "1", "b", "2")))).isFalse();
    assertThat(r.isUnsatisfiable()).isFalse();

    assertThat(Selector.parse("a == 'x' && a == 'y'").labelRestrictions().isUnsatisfiable())
        .isTrue();
    assertThat(Selector.parse("has(a) && !has(a)").labelRestrictions().isUnsatisfiable())
        .isTrue();
    LabelRestrictions union =
        Selector.parse("(a == 'x' && a == 'y') || a in {'z'}").labelRestrictions();
    assertThat(union.get("a")).contains(LabelRestriction.oneOf(ValueSet.of("z")));
    assertThat(Selector.parse("!has(a) || !has(a)").labelRestrictions().get("a"))
        .contains(LabelRestriction.ABSENT);
  }
}
