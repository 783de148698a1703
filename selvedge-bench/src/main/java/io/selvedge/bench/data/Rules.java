package io.selvedge.bench.data;

import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import java.util.List;

/** Factories for the rule shapes the generators use, with Calico's field meanings. Stateless. */
final class Rules {
  private Rules() {}

  static Rule rule(Action action, Protocol protocol, EntityRule source, EntityRule destination) {
    return new Rule(action, null, protocol, null, null, null, source, destination, null, null);
  }

  static Rule allowAll() {
    return rule(Action.Allow, null, null, null);
  }

  static Rule pass() {
    return rule(Action.Pass, null, null, null);
  }

  /** A side matching a selector (and, if not null, a namespace selector) and ports. */
  static EntityRule selector(String selector, String namespaceSelector, List<Port> ports) {
    return new EntityRule(null, selector, namespaceSelector, null, ports, null, null, null, null);
  }

  static EntityRule nets(List<String> nets, List<Port> ports) {
    return new EntityRule(nets, null, null, null, ports, null, null, null, null);
  }

  static EntityRule notNets(List<String> notNets) {
    return new EntityRule(null, null, null, null, null, notNets, null, null, null);
  }

  static EntityRule ports(List<Port> ports) {
    return new EntityRule(null, null, null, null, ports, null, null, null, null);
  }
}
