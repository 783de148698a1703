package io.selvedge.bench.engine;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.Resource;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline for the engine benchmarks: what an engine without a label index does — evaluate
 * every policy selector against an endpoint's labels, linearly. It ignores profiles' labels and
 * rule selectors (so it is a lower bound of the naive work). Policy selectors are parsed once,
 * up front. Immutable after construction; thread-safe.
 */
final class NaiveSelectorScan {
  private final List<Selector> selectors = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  NaiveSelectorScan(List<Resource> policies) {
    for (Resource r : policies) {
      try {
        if (r instanceof NetworkPolicy p) {
          selectors.add(Selector.parse(p.spec().selector()));
          namespaces.add(p.metadata().namespace());
        } else if (r instanceof GlobalNetworkPolicy p) {
          selectors.add(Selector.parse(p.spec().selector()));
          namespaces.add(null);
        }
      } catch (SelectorParseException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Labels as the scan sees them: own labels plus the implicit namespace label. */
  static Map<String, String> labels(WorkloadEndpoint w) {
    Map<String, String> m = new HashMap<>(w.metadata().labels());
    m.put("projectcalico.org/namespace", w.metadata().namespace());
    return m;
  }

  /** How many policies select an endpoint with these labels in this namespace. O(policies). */
  int matching(String namespace, Map<String, String> labels) {
    int n = 0;
    for (int i = 0; i < selectors.size(); i++) {
      String ns = namespaces.get(i);
      if ((ns == null || ns.equals(namespace)) && selectors.get(i).matches(labels)) {
        n++;
      }
    }
    return n;
  }
}
