package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntHashSetTest {

  private static Set<Integer> elements(IntHashSet s) {
    Set<Integer> out = new HashSet<>();
    for (IntHashSet.Iteration it = s.iteration(); it.hasNext(); ) {
      assertThat(out.add(it.next())).as("iterated twice").isTrue();
    }
    assertThat(out).hasSize(s.size());
    List<Integer> fromArray = new ArrayList<>();
    for (int v : s.toArray()) {
      fromArray.add(v);
    }
    assertThat(fromArray).containsExactlyInAnyOrderElementsOf(out);
    return out;
  }

  @Test
  void addRemoveContains() {
    IntHashSet s = new IntHashSet();
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.contains(0)).isFalse();
    assertThat(s.remove(0)).isFalse();
    assertThat(s.add(0)).isTrue();
    assertThat(s.add(0)).isFalse();
    assertThat(s.add(7)).isTrue();
    assertThat(s.contains(0)).isTrue();
    assertThat(s.contains(7)).isTrue();
    assertThat(s.contains(1)).isFalse();
    assertThat(elements(s)).containsExactlyInAnyOrder(0, 7);
    assertThat(s.remove(0)).isTrue();
    assertThat(s.remove(0)).isFalse();
    assertThat(elements(s)).containsExactly(7);
    assertThat(s.remove(7)).isTrue();
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.add(Integer.MAX_VALUE - 1)).isTrue();
    assertThat(s.contains(Integer.MAX_VALUE - 1)).isTrue();
    assertThatThrownBy(() -> s.add(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Random operations against a HashSet: small ranges force long probe runs and wrap-around,
   * so deletion by backward shift is exercised at the table's end as well.
   */
  @Test
  void matchesHashSet() {
    for (long seed = 1; seed <= 40; seed++) {
      Random rnd = new Random(seed);
      int range = 1 + rnd.nextInt(seed % 2 == 0 ? 40 : 5000);
      IntHashSet s = new IntHashSet();
      Set<Integer> expected = new HashSet<>();
      for (int step = 0; step < 4000; step++) {
        int v = rnd.nextInt(range);
        if (rnd.nextInt(3) == 0) {
          assertThat(s.remove(v)).as("seed %d step %d remove %d", seed, step, v).isEqualTo(expected.remove(v));
        } else {
          assertThat(s.add(v)).as("seed %d step %d add %d", seed, step, v).isEqualTo(expected.add(v));
        }
        assertThat(s.size()).isEqualTo(expected.size());
        int probe = rnd.nextInt(range + 3);
        assertThat(s.contains(probe)).as("seed %d step %d contains %d", seed, step, probe)
            .isEqualTo(expected.contains(probe));
        if (step % 500 == 0) {
          assertThat(elements(s)).isEqualTo(expected);
        }
      }
      for (int v = 0; v < range; v++) {
        assertThat(s.contains(v)).isEqualTo(expected.contains(v));
      }
      assertThat(elements(s)).isEqualTo(expected);
    }
  }

  /**
   * Consecutive values (a selector's endpoints as they arrive) turn the set into a bitset; it
   * keeps working across word boundaries, far values and removals, and iterates in order then.
   */
  @Test
  void denseSetsBehaveTheSame() {
    IntHashSet s = new IntHashSet();
    Set<Integer> expected = new HashSet<>();
    for (int v = 0; v < 1000; v += 1 + v % 3) {
      assertThat(s.add(v)).isTrue();
      expected.add(v);
    }
    assertThat(s.add(63)).isEqualTo(expected.add(63));
    assertThat(s.add(64)).isEqualTo(expected.add(64));
    assertThat(s.add(100_000)).isTrue(); // far beyond: the bitset grows
    expected.add(100_000);
    for (int v = 0; v < 1000; v += 7) {
      assertThat(s.remove(v)).isEqualTo(expected.remove(v));
    }
    assertThat(s.remove(99_999)).isFalse();
    assertThat(s.contains(-1)).isFalse();
    assertThat(s.contains(1_000_000)).isFalse();
    for (int v = -5; v < 1100; v++) {
      assertThat(s.contains(v)).as("%d", v).isEqualTo(expected.contains(v));
    }
    assertThat(elements(s)).isEqualTo(expected);
    int[] order = s.toArray();
    int[] sorted = order.clone();
    java.util.Arrays.sort(sorted);
    assertThat(order).as("a bitset iterates in order").isEqualTo(sorted);
    for (int v : order) {
      s.remove(v);
    }
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.add(3)).isTrue();
    assertThat(elements(s)).containsExactly(3);
  }

  @Test
  void iterationFailsFastOnChange() {
    IntHashSet s = new IntHashSet();
    s.add(1);
    s.add(2);
    IntHashSet.Iteration it = s.iteration();
    it.next();
    s.add(3);
    assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void clearEmpties() {
    IntHashSet s = new IntHashSet();
    for (int i = 0; i < 100; i++) {
      s.add(i);
    }
    s.clear();
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.contains(5)).isFalse();
    assertThat(s.iteration().hasNext()).isFalse();
    s.add(5);
    assertThat(elements(s)).containsExactly(5);
  }
}
