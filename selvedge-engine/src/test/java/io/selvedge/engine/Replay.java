package io.selvedge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Replays resources into a fresh graph in various orders and flush patterns, folding every
 * emitted update into a mirror state, and checks that states (not steps) agree: the mirror
 * equals the snapshot, no update leaves a dangling reference, every order gives the same final
 * state, and deleting everything gives the empty state.
 */
final class Replay {
  private final String node;
  private final TypesDefaulting defaulting;
  final CalculationGraph graph;
  DesiredState mirror;
  int updatesSeen;

  Replay(String node, TypesDefaulting defaulting) {
    this.node = node;
    this.defaulting = defaulting;
    this.graph = new CalculationGraph(node, defaulting);
    this.mirror = DesiredState.empty(node);
  }

  Replay(String node) {
    this(node, TypesDefaulting.FELIX);
  }

  void flush() {
    graph.flush(u -> {
      mirror = mirror.apply(u);
      updatesSeen++;
      assertThat(mirror.danglingReferences()).as("after %s", u).isEmpty();
    });
  }

  DesiredState feed(List<? extends Resource> resources, boolean flushEach) {
    for (Resource r : resources) {
      graph.onUpdate(r);
      if (flushEach) {
        flush();
      }
    }
    flush();
    DesiredState snap = graph.snapshot();
    assertThat(mirror).as("delta stream folded = snapshot").isEqualTo(snap);
    return snap;
  }

  void deleteAll(List<? extends Resource> resources, boolean flushEach) {
    for (Resource r : resources) {
      graph.onDelete(r);
      if (flushEach) {
        flush();
      }
    }
    flush();
    assertThat(graph.snapshot().isEmpty()).as("empty after deleting everything: %s", graph.snapshot()).isTrue();
    assertThat(mirror.isEmpty()).isTrue();
  }

  /** The state for the resources fed in order, checked against reversed and shuffled replays. */
  static DesiredState check(String node, List<? extends Resource> resources) {
    return check(node, TypesDefaulting.FELIX, resources);
  }

  static DesiredState check(String node, TypesDefaulting defaulting, List<? extends Resource> resources) {
    Replay base = new Replay(node, defaulting);
    DesiredState expected = base.feed(resources, false);
    List<List<Resource>> orders = new ArrayList<>();
    orders.add(new ArrayList<>(resources));
    List<Resource> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    orders.add(reversed);
    for (long seed = 1; seed <= 4; seed++) {
      List<Resource> shuffled = new ArrayList<>(resources);
      Collections.shuffle(shuffled, new Random(seed));
      orders.add(shuffled);
    }
    for (int i = 0; i < orders.size(); i++) {
      for (boolean flushEach : new boolean[] {false, true}) {
        Replay r = new Replay(node, defaulting);
        DesiredState got = r.feed(orders.get(i), flushEach);
        assertThat(got).as("order #%d (0 = given, 1 = reversed, then seeds 1..4), flushEach=%s", i, flushEach)
            .isEqualTo(expected);
        List<Resource> deletion = new ArrayList<>(orders.get(i));
        Collections.shuffle(deletion, new Random(100 + i));
        r.deleteAll(deletion, flushEach);
      }
    }
    return expected;
  }
}
