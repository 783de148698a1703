package io.selvedge.bench.engine;

import io.selvedge.engine.DesiredStateUpdate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts desired-state updates by type, and IP-set members added and removed by deltas; used to
 * check (and print, once per trial) that a benchmarked change produced only the expected deltas.
 * Not thread-safe.
 */
final class UpdateCounter implements Consumer<DesiredStateUpdate> {
  private final Map<String, Integer> byType = new TreeMap<>();
  private int total;
  private long membersAdded;
  private long membersRemoved;

  @Override
  public void accept(DesiredStateUpdate u) {
    total++;
    byType.merge(u.getClass().getSimpleName(), 1, Integer::sum);
    if (u instanceof DesiredStateUpdate.IpSetDelta d) {
      membersAdded += d.added().size();
      membersRemoved += d.removed().size();
    } else if (u instanceof DesiredStateUpdate.IpSetUpsert s) {
      membersAdded += s.set().size();
    }
  }

  int total() {
    return total;
  }

  @Override
  public String toString() {
    return total + " updates " + byType + ", IP-set members +" + membersAdded + " -" + membersRemoved;
  }
}
