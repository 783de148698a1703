package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelIndexTest {

  private final Set<String> events = new HashSet<>();
  private final LabelIndex<String, String> index = new LabelIndex<>(new LabelIndex.MatchListener<>() {
    @Override
    public void matchStarted(String selector, String item) {
      if (!events.add(selector + "|" + item)) {
        throw new AssertionError("started twice " + selector + " " + item);
      }
    }

    @Override
    public void matchStopped(String selector, String item) {
      if (!events.remove(selector + "|" + item)) {
        throw new AssertionError("stopped but not started " + selector + " " + item);
      }
    }
  });

  private static Selector sel(String s) {
    try {
      return Selector.parse(s);
    } catch (SelectorParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void profileLabelsApplyInOrderAndOwnLabelsWin() {
    index.updateSelector("s1", sel("env == 'prod'"));
    index.updateSelector("s2", sel("tier == 'web'"));
    index.updateItem("ep", Map.of("tier", "db"), List.of("p1", "p2"));
    assertThat(events).isEmpty();
    index.updateParent("p2", Map.of("env", "prod", "tier", "web"));
    assertThat(events).containsExactly("s1|ep");
    index.updateParent("p1", Map.of("env", "dev"));
    assertThat(events).isEmpty();
    assertThat(index.effectiveLabels("ep")).isEqualTo(Map.of("env", "dev", "tier", "db"));
    index.removeParent("p1");
    assertThat(events).containsExactly("s1|ep");
    index.removeItem("ep");
    assertThat(events).isEmpty();
  }

  @Test
  void selectorsReplacedUnderTheSameKey() {
    index.updateItem("a", Map.of("x", "1"), List.of());
    index.updateItem("b", Map.of("x", "2"), List.of());
    index.updateSelector("s", sel("x == '1'"));
    assertThat(events).containsExactly("s|a");
    index.updateSelector("s", sel("x in {'2'}"));
    assertThat(events).containsExactly("s|b");
    index.updateSelector("s", sel("x == '1' && x == '2'")); // unsatisfiable
    assertThat(events).isEmpty();
    index.updateSelector("s", sel("!has(y)"));
    assertThat(events).containsExactlyInAnyOrder("s|a", "s|b");
    index.removeSelector("s");
    assertThat(events).isEmpty();
  }

  /** Random operations checked against evaluating every selector against every item. */
  @Test
  void matchesBruteForce() {
    String[] keys = {"a", "b", "c"};
    String[] values = {"1", "2", ""};
    String[] selectors = {"all()", "a == '1'", "a != '1'", "has(b)", "!has(b)", "a in {'1', '2'} && b == '2'",
        "a == '1' || c == '2'", "a not in {'1'}", "b starts with '1'", "c contains ''", "(a == '1' && b == '1') || has(c)",
        "a == '1' && a == '2'", "global()", "has(a) && !has(b)"};
    for (long seed = 1; seed <= 60; seed++) {
      Random rnd = new Random(seed);
      events.clear();
      LabelIndexTest fresh = new LabelIndexTest();
      try {
        fresh.runRandom(rnd, keys, values, selectors);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void runRandom(Random rnd, String[] keys, String[] values, String[] selectorTexts) {
    Map<String, Map<String, String>> own = new HashMap<>();
    Map<String, List<String>> parentsOf = new HashMap<>();
    Map<String, Map<String, String>> parents = new HashMap<>();
    Map<String, Selector> sels = new HashMap<>();
    for (int step = 0; step < 300; step++) {
      int op = rnd.nextInt(10);
      if (op < 4) {
        String id = "i" + rnd.nextInt(8);
        Map<String, String> labels = randomLabels(rnd, keys, values);
        List<String> ps = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          ps.add("p" + rnd.nextInt(3));
        }
        own.put(id, labels);
        parentsOf.put(id, ps);
        index.updateItem(id, labels, ps);
      } else if (op < 5) {
        String id = "i" + rnd.nextInt(8);
        own.remove(id);
        parentsOf.remove(id);
        index.removeItem(id);
      } else if (op < 7) {
        String id = "s" + rnd.nextInt(6);
        Selector s = sel(selectorTexts[rnd.nextInt(selectorTexts.length)]);
        sels.put(id, s);
        index.updateSelector(id, s);
      } else if (op < 8) {
        String id = "s" + rnd.nextInt(6);
        sels.remove(id);
        index.removeSelector(id);
      } else {
        String p = "p" + rnd.nextInt(3);
        Map<String, String> labels = randomLabels(rnd, keys, values);
        parents.put(p, labels);
        index.updateParent(p, labels);
      }
      Set<String> expected = new HashSet<>();
      for (Map.Entry<String, Map<String, String>> item : own.entrySet()) {
        Map<String, String> eff = new HashMap<>(item.getValue());
        for (String p : parentsOf.get(item.getKey())) {
          parents.getOrDefault(p, Map.of()).forEach(eff::putIfAbsent);
        }
        assertThat(index.effectiveLabels(item.getKey())).isEqualTo(eff);
        for (Map.Entry<String, Selector> s : sels.entrySet()) {
          if (s.getValue().matches(eff)) {
            expected.add(s.getKey() + "|" + item.getKey());
          }
        }
      }
      assertThat(events).as("step " + step).isEqualTo(expected);
      for (String s : sels.keySet()) {
        for (String i : own.keySet()) {
          assertThat(index.matchingItems(s).contains(i)).isEqualTo(expected.contains(s + "|" + i));
          assertThat(index.matchingSelectors(i).contains(s)).isEqualTo(expected.contains(s + "|" + i));
        }
      }
      // Selection keys are equal exactly for items matching the same selectors.
      for (String a : own.keySet()) {
        assertThat(index.matchingSelectors(a)).hasSize((int) expected.stream().filter(e -> e.endsWith("|" + a)).count());
        for (String b : own.keySet()) {
          boolean same = Set.copyOf(index.matchingSelectors(a)).equals(Set.copyOf(index.matchingSelectors(b)));
          assertThat(index.selectionKey(a).equals(index.selectionKey(b))).as("step %d %s %s", step, a, b).isEqualTo(same);
        }
      }
    }
  }

  private static Map<String, String> randomLabels(Random rnd, String[] keys, String[] values) {
    Map<String, String> m = new HashMap<>();
    for (String k : keys) {
      if (rnd.nextBoolean()) {
        m.put(k, values[rnd.nextInt(values.length)]);
      }
    }
    return m;
  }
}
