package io.selvedge.validate;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.Resource;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites network-set CIDRs that have host bits to their network address, as Calico does when
 * it loads a NetworkSet or GlobalNetworkSet ({@code 10.0.0.1/24} becomes {@code 10.0.0.0/24}),
 * and reports each rewrite so the CLI can tell the user. An entry that becomes equal to another
 * entry (same address and prefix) because of a rewrite is dropped, and that is reported too, so
 * the result is still a set. Entries without host bits are kept exactly as written; entries that
 * do not parse are kept for the {@link Validator} to report.
 *
 * <p>Cost: one parse per entry; when something changes, a hash map of the rewritten values
 * only and one lookup per entry. Linear in the number of entries; a million-entry
 * GlobalNetworkSet normalises in well under a second. Other kinds are returned unchanged.
 */
public final class NetworkSetNormaliser {

  /**
   * One rewrite of {@code spec.nets[i]}: {@code from} became {@code to}; when
   * {@code duplicateOf} is not null the entry was dropped because the entry at that path
   * already has the same value.
   */
  public record Change(String path, String from, String to, String duplicateOf) {
    /** Whether the entry was removed rather than rewritten. */
    public boolean dropped() {
      return duplicateOf != null;
    }

    /** e.g. {@code spec.nets[3]: 10.0.0.1/24 normalised to 10.0.0.0/24}. */
    @Override
    public String toString() {
      String s = path + ": " + from + (from.equals(to) ? "" : " normalised to " + to);
      return duplicateOf == null ? s : s + ", the same as " + duplicateOf + "; dropped";
    }
  }

  /** The normalised resource (the input itself when nothing changed) and what changed. */
  public record Result(Resource resource, List<Change> changes) {
    public Result {
      changes = List.copyOf(changes);
    }

    public boolean changed() {
      return !changes.isEmpty();
    }
  }

  private NetworkSetNormaliser() {}

  public static Result normalise(Resource r) {
    if (r instanceof NetworkSet ns) {
      List<Change> changes = new ArrayList<>();
      List<String> nets = normalise(ns.spec().nets(), changes);
      return new Result(nets == null ? r : new NetworkSet(ns.metadata(), new NetworkSetSpec(nets)), changes);
    }
    if (r instanceof GlobalNetworkSet gns) {
      List<Change> changes = new ArrayList<>();
      List<String> nets = normalise(gns.spec().nets(), changes);
      return new Result(nets == null ? r : new GlobalNetworkSet(gns.metadata(), new NetworkSetSpec(nets)), changes);
    }
    return new Result(r, List.of());
  }

  /** The normalised list, or null when nothing needs to change. */
  private static List<String> normalise(List<String> nets, List<Change> changes) {
    int n = nets.size();
    Cidr[] parsed = new Cidr[n];
    boolean anyHostBits = false;
    for (int i = 0; i < n; i++) {
      String text = nets.get(i);
      if (text == null || text.isEmpty()) {
        continue;
      }
      try {
        parsed[i] = Cidr.parse(text);
        anyHostBits |= parsed[i].hasHostBits();
      } catch (IpFormatException e) {
        // left for the validator to report
      }
    }
    if (!anyHostBits) {
      return null;
    }
    // Only values that a rewrite produces can create new duplicates, so only those are tracked:
    // rewritten value -> smallest index of any entry (rewritten or not) with that value.
    Map<Cidr, Integer> first = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (parsed[i] != null && parsed[i].hasHostBits()) {
        first.merge(parsed[i].masked(), i, Math::min);
      }
    }
    for (int i = 0; i < n; i++) {
      Cidr c = parsed[i];
      if (c != null && !c.hasHostBits()) {
        Integer f = first.get(c);
        if (f != null && i < f) {
          first.put(c, i);
        }
      }
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Cidr c = parsed[i];
      String text = nets.get(i);
      if (c == null) {
        out.add(text);
        continue;
      }
      Cidr masked = c.masked();
      Integer f = first.get(masked);
      if (f != null && f != i) {
        changes.add(new Change(path(i), text, masked.toString(), path(f)));
      } else if (c.hasHostBits()) {
        String to = masked.toString();
        out.add(to);
        changes.add(new Change(path(i), text, to, null));
      } else {
        out.add(text);
      }
    }
    return out;
  }

  private static String path(int i) {
    return "spec.nets[" + i + "]";
  }
}
