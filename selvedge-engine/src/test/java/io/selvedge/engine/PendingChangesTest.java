package io.selvedge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingChangesTest {
  private final PendingChanges<String, String> p = new PendingChanges<>();
  private final List<String> upserts = new ArrayList<>();
  private final List<String> removals = new ArrayList<>();

  private void flush() {
    upserts.clear();
    removals.clear();
    p.flush(upserts, removals);
  }

  @Test
  void reportsOnlyRealChangesInKeyOrder() {
    p.put("b", "B1");
    p.put("a", "A1");
    flush();
    assertThat(upserts).containsExactly("A1", "B1");
    p.put("a", "A1"); // same value: nothing
    p.put("b", "B2");
    p.remove("c"); // never sent: nothing
    flush();
    assertThat(upserts).containsExactly("B2");
    assertThat(removals).isEmpty();
    p.remove("a");
    p.put("d", "D");
    p.remove("d"); // added and removed between flushes: nothing
    flush();
    assertThat(upserts).isEmpty();
    assertThat(removals).containsExactly("a");
    assertThat(p.sentView()).containsOnlyKeys("b");
    assertThat(p.hasPending()).isFalse();
  }

  @Test
  void removeThenPutBackTheSentValueIsNoChange() {
    p.put("a", "A");
    flush();
    p.remove("a");
    assertThat(p.wantedOrSent("a")).isFalse();
    p.put("a", "A");
    flush();
    assertThat(upserts).isEmpty();
    assertThat(removals).isEmpty();
  }
}
