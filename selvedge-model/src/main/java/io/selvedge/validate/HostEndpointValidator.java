package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.EndpointPort;
import io.selvedge.model.HostEndpointSpec;
import java.util.List;

/**
 * Checks a HostEndpoint spec: node (required, a DNS subdomain), interfaceName ({@code *} or a
 * Linux interface name) and/or expectedIPs (plain addresses, at least one of the two), profile
 * names, and named ports (a port name, a protocol with ports, a port number).
 */
final class HostEndpointValidator {
  private HostEndpointValidator() {}

  static void validate(HostEndpointSpec spec, ViolationCollector c) {
    if (spec.node() == null || spec.node().isEmpty()) {
      c.field("node").add("is missing (the node the host endpoint belongs to)");
    } else if (!KubernetesNames.isDns1123Subdomain(spec.node())) {
      c.field("node").add(UserText.quoted(spec.node()) + " is not a valid node name (lower-case letters, digits,"
          + " '-' and '.', at most 253 characters)");
    }
    boolean hasInterface = spec.interfaceName() != null && !spec.interfaceName().isEmpty();
    if (hasInterface) {
      InterfaceNameValidator.check(spec.interfaceName(), true, c.field("interfaceName"));
    }
    if (!hasInterface && spec.expectedIPs().isEmpty()) {
      c.field("interfaceName").add("is missing, and so are expectedIPs (set at least one of them)");
    }
    ViolationCollector ce = c.field("expectedIPs");
    for (int i = 0; i < spec.expectedIPs().size(); i++) {
      AddressValidator.ipAddress(spec.expectedIPs().get(i), null, ce.index(i));
    }
    profiles(spec.profiles(), c.field("profiles"));
    ViolationCollector cp = c.field("ports");
    for (int i = 0; i < spec.ports().size(); i++) {
      port(spec.ports().get(i), cp.index(i));
    }
  }

  /** Profile names: DNS subdomains. Shared with workload endpoints. */
  static void profiles(List<String> profiles, ViolationCollector c) {
    for (int i = 0; i < profiles.size(); i++) {
      String p = profiles.get(i);
      if (!KubernetesNames.isDns1123Subdomain(p)) {
        c.addAt(i, UserText.quoted(p) + " is not a valid profile name (lower-case letters, digits, '-' and '.',"
            + " each dot-separated part starting and ending with a letter or digit)");
      }
    }
  }

  private static void port(EndpointPort p, ViolationCollector c) {
    if (p == null) {
      c.add("is empty (a port needs name, protocol and port)");
      return;
    }
    if (p.name() == null || p.name().isEmpty()) {
      c.field("name").add("is missing (a host endpoint port needs a name)");
    } else {
      PortValidator.checkName(p.name(), c.field("name"));
    }
    EndpointPortProtocol.check(p.protocol(), c.field("protocol"));
    PortValidator.checkNumber(p.port(), c.field("port"));
  }
}
