package io.selvedge.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Replays {@code conformance/selectors.json} (derived from Calico's own parser tests) from the
 * shared directory named by the {@code selvedge.shared} system property. Each entry is one
 * named dynamic test; a summary line {@code selectors: passed/total} is printed at the end.
 */
class SelectorConformanceTest {

  private static final AtomicInteger passed = new AtomicInteger();
  private static final AtomicInteger total = new AtomicInteger();

  @TestFactory
  List<DynamicTest> selectors() throws IOException {
    String shared = System.getProperty("selvedge.shared");
    assertThat(shared).as("system property selvedge.shared").isNotBlank();
    Path file = Path.of(shared, "conformance", "selectors.json");
    assertThat(file).as("conformance file").isRegularFile();
    JsonNode cases = new ObjectMapper().readTree(Files.readString(file));
    assertThat(cases.isArray() && cases.size() > 0).as("non-empty JSON array").isTrue();

    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : cases) {
      i++;
      String selector = c.get("selector").asText();
      String kind = kindOf(c);
      String name = String.format("#%03d %s %s [%s]", i, kind,
          SelectorEcho.quote(selector), c.path("source").asText());
      Executable check = checkFor(kind, selector, c);
      total.incrementAndGet();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        check.execute();
        passed.incrementAndGet();
      }));
    }
    return tests;
  }

  @AfterAll
  static void summary() {
    System.out.println("selectors: " + passed.get() + "/" + total.get());
  }

  private static String kindOf(JsonNode c) {
    if (c.has("labels")) {
      return "evaluation";
    }
    if (c.has("valid")) {
      return "invalid";
    }
    if (c.has("canonical")) {
      return "canonical";
    }
    if (c.has("labelRestrictions")) {
      return "labelRestrictions";
    }
    throw new IllegalArgumentException("unknown case shape: " + c);
  }

  private static Executable checkFor(String kind, String selector, JsonNode c) {
    switch (kind) {
      case "evaluation":
        return () -> {
          Map<String, String> labels = new LinkedHashMap<>();
          c.get("labels").fields()
              .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
          Selector s = Selector.parse(selector);
          assertThat(s.matches(labels)).as("%s on %s", selector, labels)
              .isEqualTo(c.get("matches").asBoolean());
          // Calico's own test also evaluates the re-parsed canonical form.
          assertThat(Selector.parse(s.canonical()).matches(labels)).as("canonical %s", s)
              .isEqualTo(c.get("matches").asBoolean());
        };
      case "invalid":
        return () -> {
          assertThat(c.get("valid").asBoolean()).isFalse();
          assertThatThrownBy(() -> Selector.parse(selector))
              .isInstanceOf(SelectorParseException.class);
        };
      case "canonical":
        return () -> {
          Selector s = Selector.parse(selector);
          String expected = c.get("canonical").asText();
          assertThat(s.canonical()).isEqualTo(expected);
          Selector again = Selector.parse(s.canonical());
          assertThat(again.canonical()).as("re-parse is a fixed point").isEqualTo(expected);
          assertThat(again.uniqueId()).isEqualTo(s.uniqueId());
          if (c.has("uniqueId")) {
            assertThat(s.uniqueId()).isEqualTo(c.get("uniqueId").asText());
          }
        };
      case "labelRestrictions":
        return () -> {
          Selector s = Selector.parse(selector);
          assertThat(actual(s.labelRestrictions())).isEqualTo(expected(c.get("labelRestrictions")));
        };
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  /** Label to [present, absent, values-or-null], with JSON null meaning "no restriction". */
  private static Map<String, List<Object>> expected(JsonNode json) {
    Map<String, List<Object>> out = new TreeMap<>();
    if (json.isNull()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      Set<String> values = null;
      if (r.has("mustHaveOneOfValues")) {
        values = new HashSet<>();
        for (JsonNode v : r.get("mustHaveOneOfValues")) {
          values.add(v.asText());
        }
      }
      List<Object> triple = new ArrayList<>();
      triple.add(r.path("mustBePresent").asBoolean(false));
      triple.add(r.path("mustBeAbsent").asBoolean(false));
      triple.add(values);
      out.put(e.getKey(), triple);
    }
    return out;
  }

  private static Map<String, List<Object>> actual(LabelRestrictions restrictions) {
    Map<String, List<Object>> out = new TreeMap<>();
    restrictions.asMap().forEach((label, r) -> {
      List<Object> triple = new ArrayList<>();
      triple.add(r.mustBePresent());
      triple.add(r.mustBeAbsent());
      ValueSet values = r.mustHaveOneOfValues();
      triple.add(values == null ? null : new HashSet<>(values.asList()));
      out.put(label, triple);
    });
    return out;
  }
}
