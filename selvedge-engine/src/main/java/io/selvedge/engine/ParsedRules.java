package io.selvedge.engine;

import io.selvedge.engine.index.NamedPortSetId;
import io.selvedge.selector.Selector;
import java.util.List;
import java.util.Map;

/**
 * The parsed rules of a policy or profile, plus the selectors and named-port sets their IP-set
 * IDs stand for (so the graph can activate exactly the sets that resolved rules reference).
 */
record ParsedRules(
    List<ParsedRule> ingress,
    List<ParsedRule> egress,
    Map<String, Selector> selectors,
    Map<String, NamedPortSetId> namedPortSets) {

  static final ParsedRules EMPTY = new ParsedRules(List.of(), List.of(), Map.of(), Map.of());

  ParsedRules {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
    selectors = Map.copyOf(selectors);
    namedPortSets = Map.copyOf(namedPortSets);
  }

  List<ParsedRule> get(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }
}
