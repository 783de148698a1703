package io.selvedge.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Surprising and hostile selector text: what is rejected (with which column and problem), and
 * what is accepted on purpose because Calico accepts it.
 */
class SelectorHostileInputTest {

  private static final String LONG_LABEL = "l".repeat(513);
  private static final String DEEP = "(".repeat(10_000);
  private static final String MEGABYTE_CHAIN = "a == \"b\" && ".repeat(90_000);

  static Stream<Arguments> rejected() {
    return Stream.of(
        row("newline after a term", "a == 'b'\n", 9, "found a newline (only space and tab"),
        row("newline between terms", "a == 'b' &&\nc == 'd'", 12, "found a newline"),
        row("newline after label", "a\n== 'b'", 2, "after label \"a\", found a newline"),
        row("carriage return", "a == 'b'\r", 9, "found a carriage return"),
        row("blank before has(", "has (x)", 5, "write has( with no blank before the \"(\""),
        row("lone =", "=", 1, "expected == (a single \"=\" is not an operator)"),
        row("lone = after label", "role = 'web'", 6, "expected =="),
        row("lone &", "&", 1, "expected && (a single \"&\""),
        row("lone & between terms", "a == 'b' & has(c)", 10, "expected &&"),
        row("lone |", "|", 1, "expected || (a single \"|\""),
        row("unterminated double-quoted", "a == \"b", 6, "unterminated string (no closing \""),
        row("unterminated single-quoted", "a == 'b", 6, "unterminated string (no closing '"),
        row("mixed quotes do not close", "a == \"b'", 6, "unterminated string"),
        row("513-character label", LONG_LABEL + " == 'x'", 1, "label too long (513 characters"),
        row("513-character has()", "has(" + LONG_LABEL + ")", 5, "label too long"),
        row("10,000 open parentheses", DEEP, 257, "parentheses nested too deeply (at most 256"),
        row("257 nested groups", "(".repeat(257) + "has(a)" + ")".repeat(257), 257,
            "nested too deeply"),
        row("1 MB selector ending in &&", MEGABYTE_CHAIN, MEGABYTE_CHAIN.length() + 1,
            "found end of selector"),
        row("NUL outside a string", "a == 'b' \0", 10, "found the character \\0"),
        row("ESC outside a string", "\u001b[31ma == 'b'", 1, "found the character \\x1b"),
        row("DEL outside a string", "has(a)\u007f", 7, "found the character \\x7f"),
        row("bidi override outside a string", "a == 'b' && \u202e", 13,
            "found the character \\u202e"),
        row("no-break space after label", "a\u00a0== 'b'", 2, "found the blank \"\\u00a0\""),
        row("semicolon outside a string", "a == 'b'; b == 'c'", 9, "found \";\""),
        row("label compared with label", "a == b", 6,
            "expected a quoted string after ==, found \"b\""),
        row("literal on the left", "'b1' == b", 1, "found string 'b1'"),
        row("bare label", "a", 2, "after label \"a\", found end of selector"),
        row("label then garbage", "a b", 3, "expected an operator after label \"a\", found \"b\""),
        row("not without in", "a not 'x'", 3, "found \"not\""),
        row("starts without with", "a starts 'x'", 3, "found \"starts\""),
        row("in+letter is not in", "a inf {}", 3, "found \"inf\""),
        row("startswith without value", "a startswith", 13,
            "expected a quoted string after startswith"),
        row("set without braces", "a in 'x'", 6, "expected a set literal {...} after in"),
        row("set without comma", "a in {'x' 'y'}", 11, "expected } to close the set literal"),
        row("set with leading comma", "a in {,}", 7, "expected }"),
        row("unclosed group", "(a == 'b'", 10, "expected ) to close the ( at column 1"),
        row("stray )", ")", 1, "found \")\""),
        row("trailing )", "a == 'b' )", 10,
            "unexpected content at end of selector: \")\" has no matching \"(\""),
        row("empty group", "()", 2,
            "expected a label, has(...), all(), global(), \"!\" or \"(\", found \")\""),
        row("lone !", "!", 2, "found end of selector"),
        row("dangling &&", "has(foo) &&", 12, "found end of selector"),
        row("all( unclosed", "all(", 5, "no closing ')' after all(, found end of selector"),
        row("global( unclosed", "global( x)", 9, "no closing ')' after global("),
        row("has() empty", "has()", 5, "expected a label in has()"),
        row("has( unclosed", "has( foo ", 10, "no closing ')' after has("),
        row("unicode label", "a == 'x' && é == 'y'", 13, "found \"é\""),
        row("column counts code points", "a == '\uD83D\uDE00' b", 10,
            "unexpected content at end of selector: \"b\" (missing && or || before it?)"),
        row("percent", "a == \"b\" || %", 13, "found \"%\""));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        row("semicolon in a string", "a == 'x;y'", "a == \"x;y\""),
        row("double quotes in a string", "a == 'say \"hi\"'", "a == 'say \"hi\"'"),
        row("single quote in a string", "a == \"it's\"", "a == \"it's\""),
        row("newline in a string", "a == 'line1\nline2'", "a == \"line1\nline2\""),
        row("NUL and ESC in a string", "a == '\0\u001b'", "a == \"\0\u001b\""),
        row("unicode in a string", "a == 'héllo \uD83D\uDE00 日本'",
            "a == \"héllo \uD83D\uDE00 日本\""),
        row("startswith", "a startswith 'x'", "a starts with \"x\""),
        row("endswith", "a endswith 'x'", "a ends with \"x\""),
        row("notin", "a notin {'x'}", "a not in {\"x\"}"),
        row("blanks inside multi-word operators", "a starts \t with 'x'", "a starts with \"x\""),
        row("operator glued to string", "a contains'x'", "a contains \"x\""),
        row("glued set", "a in{'y','x'}", "a in {\"x\", \"y\"}"),
        row("empty set", "a in {}", "a in {}"),
        row("trailing comma", "a in {'a',}", "a in {\"a\"}"),
        row("keyword as label: in", "in == 'x'", "in == \"x\""),
        row("keyword as label: has", "has == 'x'", "has == \"x\""),
        row("keyword as label: all", "all in {'x'}", "all in {\"x\"}"),
        row("keyword as label: global", "global != 'x'", "global != \"x\""),
        row("keyword as label: contains", "contains contains 'x'", "contains contains \"x\""),
        row("label of every allowed character", "aZ09_./- == 'v'", "aZ09_./- == \"v\""),
        row("512-character label", "l".repeat(512) + " == 'x'", "l".repeat(512) + " == \"x\""),
        row("blanks inside has(", "has(\t a \t)", "has(a)"),
        row("blanks inside all(", "all( \t)", "all()"),
        row("tabs and spaces only", " \t ", "all()"),
        row("no blanks at all", "a==\"b\"&&!has(c)||d!='e'",
            "((a == \"b\" && !has(c)) || d != \"e\")"),
        row("10,001 negations", "!".repeat(10_001) + "has(a)", "!has(a)"),
        row("256 nested groups", "(".repeat(256) + "has(a)" + ")".repeat(256), "has(a)"),
        row("negated group of a negation keeps both", "!(!has(a))", "!!has(a)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejected(String name, String selector, int column, String problem) {
    SelectorParseException e =
        catchThrowableOfType(SelectorParseException.class, () -> Selector.parse(selector));
    assertThat(e).as("parse of %s should fail", name).isNotNull();
    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
    assertThat(e.problem()).contains(problem);
    assertThat(e.selector()).isEqualTo(selector);
    assertTerminalSafe(e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void accepted(String name, String selector, String canonical) throws SelectorParseException {
    Selector s = Selector.parse(selector);
    assertThat(s.canonical()).isEqualTo(canonical);
  }

  @Test
  void messageNamesColumnAndPointsAtIt() {
    SelectorParseException e =
        catchThrowableOfType(SelectorParseException.class, () -> Selector.parse("role = 'web'"));
    assertThat(e.getMessage()).isEqualTo(String.join("\n",
        "invalid selector at column 6: expected == (a single \"=\" is not an operator)",
        "  role = 'web'",
        "       ^"));
  }

  @Test
  void echoEscapesControlCharactersAndKeepsTheCaretAligned() {
    SelectorParseException e = catchThrowableOfType(
        SelectorParseException.class, () -> Selector.parse("a == 'x\ty'\n&& b"));
    assertThat(e.getMessage()).isEqualTo(String.join("\n",
        "invalid selector at column 11: expected a label, has(...), all(), global(), \"!\" or"
            + " \"(\", found a newline (only space and tab may separate tokens)",
        "  a == 'x\\ty'\\n&& b",
        "             ^"));
  }

  @Test
  void longSelectorIsEchoedAsAWindowAroundTheError() {
    String selector = "a == '" + "x".repeat(1 << 20) + "' b";
    SelectorParseException e =
        catchThrowableOfType(SelectorParseException.class, () -> Selector.parse(selector));
    assertThat(e.column()).isEqualTo(selector.length());
    assertThat(e.getMessage()).hasSizeLessThan(400);
    String[] lines = e.getMessage().split("\n");
    assertThat(lines[1]).startsWith("  ...").endsWith("' b");
    assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo('b');
  }

  @Test
  void megabyteValuesAndLongChainsParse() throws SelectorParseException {
    String value = "v".repeat(1 << 20);
    Selector big = Selector.parse("a == '" + value + "'");
    assertThat(big.matches(Map.of("a", value))).isTrue();
    Selector chain = Selector.parse(MEGABYTE_CHAIN + "has(z)");
    assertThat(((Node.And) chain.root()).operands()).hasSize(90_001);
    assertThat(chain.matches(Map.of("a", "b", "z", ""))).isTrue();
    assertThat(chain.matches(Map.of("a", "b"))).isFalse();
  }

  private static void assertTerminalSafe(SelectorParseException e) {
    String message = e.getMessage();
    String[] lines = message.split("\n", -1);
    assertThat(lines).as(message).hasSize(3);
    assertThat(message.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7f)))
        .as("no raw control characters in %s", message).isEmpty();
    assertThat(message).doesNotContain("\u202e");
    assertThat(lines[0]).startsWith("invalid selector at column " + e.column() + ": ");
    assertThat(lines[2].trim()).isEqualTo("^");
  }

  private static Arguments row(Object... values) {
    return Arguments.of(values);
  }
}
