package io.selvedge.store;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@code spec.nets} of a NetworkSet or GlobalNetworkSet changed in one write that left
 * its labels as they were: the entries {@code removed} from and {@code added} to the list stored
 * at {@code baseRevision} (the resource's previous resourceVersion). Annotations may have changed
 * too (an import records its source there); the event's full resource has them. Both are multisets of the exact
 * strings (a duplicate entry counts twice; order is not part of the delta): the new list holds,
 * as a multiset, the base list minus {@code removed} plus {@code added}.
 *
 * <p>A watch attaches it to a {@link WatchEvent} so that a consumer holding the base version can
 * apply the change in time proportional to the delta rather than re-reading a list of a million
 * entries; a consumer that holds another version (or none) uses the event's full resource.
 */
public record NetsDelta(long baseRevision, List<String> removed, List<String> added) {

  public NetsDelta {
    if (baseRevision <= 0) {
      throw new IllegalArgumentException("base revision must be > 0, not " + baseRevision);
    }
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    added = List.copyOf(Objects.requireNonNull(added, "added"));
  }

  /** The {@code spec.nets} of a NetworkSet or GlobalNetworkSet; null for other kinds. */
  public static List<String> netsOf(Resource r) {
    return r instanceof NetworkSet n ? n.spec().nets() : r instanceof GlobalNetworkSet g ? g.spec().nets() : null;
  }

  /** Number of entries removed plus added. */
  public int size() {
    return removed.size() + added.size();
  }

  /**
   * The delta worth recording instead of the new list: {@link #between}, if it has at most as
   * many entries as the larger list (beyond that the full list is as cheap for watchers).
   */
  public static Optional<NetsDelta> ifSmall(long baseRevision, List<String> before, List<String> after) {
    NetsDelta d = between(baseRevision, before, after);
    return d.size() <= Math.max(before.size(), after.size()) ? Optional.of(d) : Optional.empty();
  }

  /**
   * The multiset difference {@code after - before} as a delta on {@code baseRevision}. O(n + m)
   * with one hash map of the old entries.
   */
  public static NetsDelta between(long baseRevision, List<String> before, List<String> after) {
    Map<String, int[]> counts = new HashMap<>(Math.max(16, before.size() * 4 / 3 + 1));
    for (String s : before) {
      counts.computeIfAbsent(s, k -> new int[1])[0]++;
    }
    List<String> added = new ArrayList<>();
    for (String s : after) {
      int[] c = counts.get(s);
      if (c != null && c[0] > 0) {
        c[0]--;
      } else {
        added.add(s);
      }
    }
    List<String> removed = new ArrayList<>();
    for (String s : before) {
      int[] c = counts.get(s);
      if (c[0] > 0) {
        c[0]--;
        removed.add(s);
      }
    }
    return new NetsDelta(baseRevision, removed, added);
  }
}
