package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.WorkloadEndpointSpec;
import io.selvedge.model.WorkloadEndpointSpec.IpNat;
import io.selvedge.model.WorkloadEndpointSpec.WorkloadEndpointPort;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import io.selvedge.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a WorkloadEndpoint (Calico's etcd-mode form): identifier fields, the name derived from
 * them, ipNetworks (single addresses: /32 or /128, no host bits), NATs (same family, internal
 * address among the ipNetworks), gateways, profiles, interfaceName (required; a real interface
 * name, not {@code *}), MAC, named ports and allowSpoofedSourcePrefixes.
 *
 * <p>The derived-name rule is Calico's client rule: the name is the identifier segments joined
 * with {@code -}, each {@code -} inside a segment doubled; the segments are node, orchestrator,
 * then pod ({@code k8s}), containerID ({@code cni}), the orchestrator again
 * ({@code libnetwork}) or workload (anything else), then endpoint. It is applied when the
 * node or orchestrator is set; an endpoint with neither is checked on its own fields only (as
 * Calico's validator does; its client would refuse it for lack of a node).
 */
final class WorkloadEndpointValidator {
  private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");

  private WorkloadEndpointValidator() {}

  static void validate(ObjectMeta meta, WorkloadEndpointSpec s, ViolationCollector c) {
    ViolationCollector cs = c.field("spec");
    nameField(s.orchestrator(), "orchestrator", cs);
    nameField(s.workload(), "workload", cs);
    nameField(s.node(), "node", cs);
    nameField(s.pod(), "pod", cs);
    nameField(s.endpoint(), "endpoint", cs);
    nameField(s.serviceAccountName(), "serviceAccountName", cs);
    if (notEmpty(s.containerID()) && !CONTAINER_ID.matcher(s.containerID()).matches()) {
      cs.field("containerID").add(UserText.quoted(s.containerID()) + " is not a valid container ID (letters,"
          + " digits and '-', starting and ending with a letter or digit)");
    }
    derivedName(meta.name(), s, c);

    List<Cidr> networks = new ArrayList<>();
    ViolationCollector cn = cs.field("ipNetworks");
    for (int i = 0; i < s.ipNetworks().size(); i++) {
      ViolationCollector ci = cn.index(i);
      Cidr net = AddressValidator.strictNet(s.ipNetworks().get(i), false, ci);
      if (net == null) {
        continue;
      }
      if (!net.isSingleAddress()) {
        ci.add(UserText.quoted(s.ipNetworks().get(i)) + " contains more than one address (use a /32 or /128)");
      }
      networks.add(net);
    }
    ViolationCollector cnat = cs.field("ipNATs");
    for (int i = 0; i < s.ipNATs().size(); i++) {
      nat(s.ipNATs().get(i), networks, cnat.index(i));
    }
    if (notEmpty(s.ipv4Gateway())) {
      AddressValidator.ipAddress(s.ipv4Gateway(), IpFamily.V4, cs.field("ipv4Gateway"));
    }
    if (notEmpty(s.ipv6Gateway())) {
      AddressValidator.ipAddress(s.ipv6Gateway(), IpFamily.V6, cs.field("ipv6Gateway"));
    }
    HostEndpointValidator.profiles(s.profiles(), cs.field("profiles"));
    if (!notEmpty(s.interfaceName())) {
      cs.field("interfaceName").add("is missing (the workload's interface on the host, e.g. cali1234)");
    } else {
      InterfaceNameValidator.check(s.interfaceName(), false, cs.field("interfaceName"));
    }
    if (notEmpty(s.mac()) && !isMac(s.mac())) {
      cs.field("mac").add(UserText.quoted(s.mac()) + " is not a MAC address (e.g. 02:00:5e:10:00:01)");
    }
    ViolationCollector cp = cs.field("ports");
    for (int i = 0; i < s.ports().size(); i++) {
      port(s.ports().get(i), cp.index(i));
    }
    ViolationCollector ca = cs.field("allowSpoofedSourcePrefixes");
    for (int i = 0; i < s.allowSpoofedSourcePrefixes().size(); i++) {
      AddressValidator.anyCidr(s.allowSpoofedSourcePrefixes().get(i), ca.index(i));
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static void nameField(String value, String field, ViolationCollector c) {
    if (notEmpty(value) && !KubernetesNames.isDns1123Subdomain(value)) {
      c.field(field).add(UserText.quoted(value) + " is not a valid " + field + " (lower-case letters, digits, '-'"
          + " and '.', at most 253 characters)");
    }
  }

  private static void derivedName(String name, WorkloadEndpointSpec s, ViolationCollector c) {
    if (!notEmpty(s.node()) && !notEmpty(s.orchestrator())) {
      return;
    }
    String orchestrator = s.orchestrator() == null ? "" : s.orchestrator();
    String[][] segments = switch (orchestrator) {
      case "k8s" -> new String[][] {{"node", s.node()}, {"orchestrator", orchestrator}, {"pod", s.pod()},
          {"endpoint", s.endpoint()}};
      case "cni" -> new String[][] {{"node", s.node()}, {"orchestrator", orchestrator},
          {"containerID", s.containerID()}, {"endpoint", s.endpoint()}};
      case "libnetwork" -> new String[][] {{"node", s.node()}, {"orchestrator", orchestrator},
          {"orchestrator", orchestrator}, {"endpoint", s.endpoint()}};
      default -> new String[][] {{"node", s.node()}, {"orchestrator", orchestrator},
          {"workload", s.workload()}, {"endpoint", s.endpoint()}};
    };
    List<String> fields = new ArrayList<>();
    for (String[] seg : segments) {
      if (!fields.contains(seg[0])) {
        fields.add(seg[0]);
      }
    }
    StringBuilder expected = new StringBuilder();
    List<String> reported = new ArrayList<>();
    boolean complete = true;
    for (String[] seg : segments) {
      String field = seg[0];
      String value = seg[1];
      ViolationCollector cf = c.field("spec").field(field);
      if (!notEmpty(value) || value.startsWith("-") || value.endsWith("-")) {
        complete = false;
        if (!reported.contains(field)) {
          reported.add(field);
          cf.add(!notEmpty(value)
              ? "is missing (a workload endpoint's name is derived from " + String.join(", ", fields) + ")"
              : UserText.quoted(value) + " must not begin or end with '-' (it is part of the derived name)");
        }
        continue;
      }
      if (expected.length() > 0) {
        expected.append('-');
      }
      expected.append(value.replace("-", "--"));
    }
    // An empty name is reported by the metadata check.
    if (complete && notEmpty(name) && !expected.toString().equals(name)) {
      c.field("metadata").field("name").add(UserText.quoted(name) + " does not match the spec (expected "
          + UserText.quoted(expected.toString()) + ", derived from " + String.join(", ", fields) + ")");
    }
  }

  private static void nat(IpNat nat, List<Cidr> networks, ViolationCollector c) {
    if (nat == null) {
      c.add("is empty (a NAT needs internalIP and externalIP)");
      return;
    }
    IpAddress internal = AddressValidator.ipAddress(nat.internalIP(), null, c.field("internalIP"));
    IpAddress external = AddressValidator.ipAddress(nat.externalIP(), null, c.field("externalIP"));
    if (internal != null && external != null && internal.family() != external.family()) {
      c.field("externalIP").add(UserText.quoted(nat.externalIP()) + " is an " + external.family()
          + " address, but internalIP is " + internal.family() + " (both must be of one family)");
    }
    if (internal != null && networks.stream().noneMatch(n -> n.contains(internal))) {
      c.field("internalIP").add(UserText.quoted(nat.internalIP()) + " is not one of the endpoint's ipNetworks"
          + " (a NAT maps one of the endpoint's own addresses)");
    }
  }

  private static void port(WorkloadEndpointPort p, ViolationCollector c) {
    if (p == null) {
      c.add("is empty (a port needs protocol and port, and a name unless hostPort is set)");
      return;
    }
    if (notEmpty(p.name())) {
      PortValidator.checkName(p.name(), c.field("name"));
    } else if (p.hostPort() == 0) {
      c.field("name").add("is missing (a port needs a name unless it maps a hostPort)");
    }
    EndpointPortProtocol.check(p.protocol(), c.field("protocol"));
    PortValidator.checkNumber(p.port(), c.field("port"));
    if (p.hostPort() != 0) {
      PortValidator.checkNumber(p.hostPort(), c.field("hostPort"));
    }
    if (notEmpty(p.hostIP())) {
      AddressValidator.strictNet(p.hostIP(), false, c.field("hostIP"));
    }
  }

  /** Go's {@code net.ParseMAC}: 6, 8 or 20 octets as {@code xx:xx..}, {@code xx-xx..} or {@code xxxx.xxxx..}. */
  static boolean isMac(String s) {
    int len = s.length();
    if (len < 14) {
      return false;
    }
    if (s.charAt(2) == ':' || s.charAt(2) == '-') {
      if ((len + 1) % 3 != 0) {
        return false;
      }
      int n = (len + 1) / 3;
      if (n != 6 && n != 8 && n != 20) {
        return false;
      }
      char sep = s.charAt(2);
      for (int i = 0; i < n; i++) {
        int x = i * 3;
        if (!isHex(s.charAt(x)) || !isHex(s.charAt(x + 1)) || (i < n - 1 && s.charAt(x + 2) != sep)) {
          return false;
        }
      }
      return true;
    }
    if (s.charAt(4) == '.') {
      if ((len + 1) % 5 != 0) {
        return false;
      }
      int n = 2 * (len + 1) / 5;
      if (n != 6 && n != 8 && n != 20) {
        return false;
      }
      for (int g = 0; g < n / 2; g++) {
        int x = g * 5;
        for (int k = 0; k < 4; k++) {
          if (!isHex(s.charAt(x + k))) {
            return false;
          }
        }
        if (g < n / 2 - 1 && s.charAt(x + 4) != '.') {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isHex(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  }
}
