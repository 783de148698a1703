package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The source or destination side of a rule. Every set field must match (AND). */
@JsonPropertyOrder({"nets", "selector", "namespaceSelector", "services", "ports", "notNets",
    "notSelector", "notPorts", "serviceAccounts"})
public record EntityRule(
    List<String> nets,
    String selector,
    String namespaceSelector,
    ServiceMatch services,
    List<Port> ports,
    List<String> notNets,
    String notSelector,
    List<Port> notPorts,
    ServiceAccountMatch serviceAccounts) {

  public static final EntityRule EMPTY = new EntityRule(null, null, null, null, null, null, null, null, null);

  public EntityRule {
    nets = Immutable.list(nets);
    ports = Immutable.list(ports);
    notNets = Immutable.list(notNets);
    notPorts = Immutable.list(notPorts);
  }
}
