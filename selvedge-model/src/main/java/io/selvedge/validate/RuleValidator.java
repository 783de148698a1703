package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.HttpMatch;
import io.selvedge.model.IcmpFields;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import io.selvedge.model.ServiceAccountMatch;
import io.selvedge.model.ServiceMatch;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpFamily;
import io.selvedge.validate.SelectorChecker.GlobalUse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one policy or profile {@link Rule} and its source and destination, as Calico's CRD
 * rules and {@code validateRule}/{@code validateEntityRule} do: action, ipVersion, protocols,
 * ICMP fields and their coupling to protocol and ipVersion, ports and their coupling to the
 * protocol, nets (strictly masked, one IP family across all four net lists, matching ipVersion,
 * no catch-all in notNets), selectors, service and service-account matches, HTTP matches and
 * rule annotations.
 *
 * <p>Which directions may carry services or HTTP matches is a policy-level rule; see
 * {@link PolicyValidator}.
 *
 * <p>Beyond Calico, it rejects rules that a dataplane could not render or that can never match:
 * {@code notICMP} without an ICMP protocol, ICMP on a rule whose CIDRs are of the other family,
 * control characters in HTTP paths, HTTP methods that are not tokens, and service-account names
 * that are not DNS subdomains.
 */
final class RuleValidator {
  static final int MAX_NETS = 256;
  static final int MAX_PORTS = 50;
  static final int MAX_HTTP_ITEMS = 20;
  static final int MAX_HTTP_PATH = 1024;

  private final SelectorChecker selectors;

  RuleValidator(SelectorChecker selectors) {
    this.selectors = selectors;
  }

  void validate(Rule r, ViolationCollector c) {
    if (r == null) {
      c.add("is empty (a rule needs at least an action)");
      return;
    }
    if (r.action() == null) {
      c.field("action").add("is missing (one of Allow, Deny, Log, Pass)");
    }
    IpFamily ruleFamily = null;
    if (r.ipVersion() != null) {
      ruleFamily = IpFamily.ofVersion(r.ipVersion());
      if (ruleFamily == null) {
        c.field("ipVersion").add(r.ipVersion() + " is not an IP version (4 or 6)");
      }
    }
    boolean protocolValid = ProtocolValidator.check(r.protocol(), c.field("protocol"));
    ProtocolValidator.check(r.notProtocol(), c.field("notProtocol"));

    icmpFields(r.icmp(), c.field("icmp"));
    icmpFields(r.notICMP(), c.field("notICMP"));
    if (r.icmp() != null && !isIcmpProtocol(r.protocol())) {
      c.field("icmp").add("needs protocol ICMP or ICMPv6 (" + protocolClause(r.protocol()) + ")");
    }
    if (r.notICMP() != null && !isIcmpProtocol(r.protocol())) {
      // Calico has no such check, but no dataplane can render an ICMP type match on a rule that
      // does not match ICMP (iptables and nft both refuse it).
      c.field("notICMP").add("needs protocol ICMP or ICMPv6 (" + protocolClause(r.protocol()) + ")");
    }
    icmpVersion(r.protocol(), r.ipVersion(), c.field("protocol"));
    icmpVersion(r.notProtocol(), r.ipVersion(), c.field("notProtocol"));

    EntityRule src = r.source();
    EntityRule dst = r.destination();
    ViolationCollector cs = c.field("source");
    ViolationCollector cd = c.field("destination");
    portCoupling(r.protocol(), protocolValid, src.ports(), cs.field("ports"));
    portCoupling(r.protocol(), protocolValid, src.notPorts(), cs.field("notPorts"));
    portCoupling(r.protocol(), protocolValid, dst.ports(), cd.field("ports"));
    portCoupling(r.protocol(), protocolValid, dst.notPorts(), cd.field("notPorts"));

    entity(src, cs);
    entity(dst, cd);
    if (dst.services() != null) {
      if (!dst.ports().isEmpty()) {
        cd.field("ports").add("cannot be combined with destination.services (a service rule uses the"
            + " service's own ports)");
      }
      if (!dst.notPorts().isEmpty()) {
        cd.field("notPorts").add("cannot be combined with destination.services (a service rule uses"
            + " the service's own ports)");
      }
    }

    nets(r, ruleFamily, c);

    if (r.http() != null) {
      http(r, c.field("http"));
    }
    if (r.metadata() != null) {
      MetadataValidator.annotations(r.metadata().annotations(), c.field("metadata").field("annotations"));
    }
  }

  private static boolean isIcmpProtocol(Protocol p) {
    return ProtocolValidator.isIcmpV4(p) || ProtocolValidator.isIcmpV6(p);
  }

  private static String protocolClause(Protocol p) {
    return p == null ? "no protocol is set" : "protocol is " + ProtocolValidator.describe(p);
  }

  private static void icmpFields(IcmpFields f, ViolationCollector c) {
    if (f == null) {
      return;
    }
    if (f.type() != null && (f.type() < 0 || f.type() > 254)) {
      c.field("type").add(f.type() + " is not a valid ICMP type (0-254)");
    }
    if (f.code() != null && (f.code() < 0 || f.code() > 255)) {
      c.field("code").add(f.code() + " is not a valid ICMP code (0-255)");
    }
    if (f.code() != null && f.type() == null) {
      c.field("code").add("is set without a type (an ICMP code needs an ICMP type)");
    }
  }

  private static void icmpVersion(Protocol p, Integer ipVersion, ViolationCollector c) {
    if (ipVersion == null) {
      return;
    }
    if (ProtocolValidator.isIcmpV4(p) && ipVersion != 4) {
      c.add(ProtocolValidator.describe(p) + " is IPv4-only, but ipVersion is " + ipVersion
          + " (use ICMPv6, or ipVersion 4)");
    } else if (ProtocolValidator.isIcmpV6(p) && ipVersion != 6) {
      c.add(ProtocolValidator.describe(p) + " is IPv6-only, but ipVersion is " + ipVersion
          + " (use ICMP, or ipVersion 6)");
    }
  }

  private static void portCoupling(Protocol protocol, boolean protocolValid, List<Port> ports, ViolationCollector c) {
    if (ports.isEmpty()) {
      return;
    }
    if (protocol == null) {
      if (ports.stream().anyMatch(p -> p != null && !p.isNamed())) {
        c.add("has numeric ports, but the rule has no protocol (numeric ports need protocol TCP, UDP"
            + " or SCTP; named ports alone need none)");
      }
    } else if (protocolValid && !protocol.supportsPorts()) {
      c.add("has ports, but protocol " + ProtocolValidator.describe(protocol)
          + " has no ports (ports need protocol TCP, UDP or SCTP)");
    }
  }

  private void entity(EntityRule e, ViolationCollector c) {
    selectors.check(e.selector(), GlobalUse.FORBIDDEN, c.field("selector"));
    selectors.check(e.notSelector(), GlobalUse.UNCHECKED, c.field("notSelector"));
    selectors.check(e.namespaceSelector(), GlobalUse.ONLY_ALONE, c.field("namespaceSelector"));
    ports(e.ports(), c.field("ports"));
    ports(e.notPorts(), c.field("notPorts"));
    ServiceAccountMatch sa = e.serviceAccounts();
    if (sa != null) {
      ViolationCollector csa = c.field("serviceAccounts");
      selectors.check(sa.selector(), GlobalUse.UNCHECKED, csa.field("selector"));
      ViolationCollector cn = csa.field("names");
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < sa.names().size(); i++) {
        String n = sa.names().get(i);
        // Calico does not check these; they end up inside generated selectors, so they must be
        // what Kubernetes allows for service-account names.
        if (!KubernetesNames.isDns1123Subdomain(n)) {
          cn.addAt(i, UserText.quoted(n) + " is not a valid service account name (a DNS subdomain: lower-case"
              + " letters, digits, '-' and '.', at most 253 characters)");
        } else if (!seen.add(n)) {
          cn.addAt(i, UserText.quoted(n) + " is listed more than once (list each name once)");
        }
      }
    }
    ServiceMatch svc = e.services();
    if (svc != null) {
      ViolationCollector cs = c.field("services");
      if (svc.name() == null || svc.name().isEmpty()) {
        cs.field("name").add("is missing (a services match must name the service)");
      } else if (!KubernetesNames.isDns1123Subdomain(svc.name())) {
        cs.field("name").add(UserText.quoted(svc.name()) + " is not a valid service name (lower-case letters,"
            + " digits, '-' and '.', at most 253 characters)");
      }
      if (svc.namespace() != null && !svc.namespace().isEmpty()
          && !KubernetesNames.isDns1123Subdomain(svc.namespace())) {
        cs.field("namespace").add(UserText.quoted(svc.namespace()) + " is not a valid namespace (lower-case"
            + " letters, digits and '-')");
      }
      if (notEmpty(e.namespaceSelector())) {
        cs.add("cannot be combined with namespaceSelector in the same entity (remove one)");
      }
      if (notEmpty(e.selector()) || notEmpty(e.notSelector())) {
        cs.add("cannot be combined with selector or notSelector in the same entity (remove one)");
      }
      if (e.serviceAccounts() != null) {
        cs.add("cannot be combined with serviceAccounts in the same entity (remove one)");
      }
      if (!e.nets().isEmpty() || !e.notNets().isEmpty()) {
        cs.add("cannot be combined with nets or notNets in the same entity (a service rule uses the"
            + " service's endpoint addresses)");
      }
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static void ports(List<Port> ports, ViolationCollector c) {
    if (ports.size() > MAX_PORTS) {
      c.add("has " + ports.size() + " entries, " + (ports.size() - MAX_PORTS) + " too many (at most "
          + MAX_PORTS + ")");
    }
    for (int i = 0; i < ports.size(); i++) {
      PortValidator.check(ports.get(i), c.index(i));
    }
  }

  /**
   * Scans source.nets, source.notNets, destination.nets, destination.notNets in that order, as
   * Calico does: each entry must parse, have a prefix and no host bits; a notNets entry must not
   * be a catch-all; the CIDRs of each list must match ipVersion; and all four lists together
   * must be of one family (reported on the first list that breaks it).
   */
  private void nets(Rule r, IpFamily ruleFamily, ViolationCollector c) {
    boolean[] seen = new boolean[2]; // [v4, v6] over the lists scanned so far
    netList(r.source().nets(), false, ruleFamily, seen, c.field("source").field("nets"));
    netList(r.source().notNets(), true, ruleFamily, seen, c.field("source").field("notNets"));
    netList(r.destination().nets(), false, ruleFamily, seen, c.field("destination").field("nets"));
    netList(r.destination().notNets(), true, ruleFamily, seen, c.field("destination").field("notNets"));
    if (ruleFamily == null && seen[0] != seen[1]) {
      // Selvedge extra: an ICMP protocol of the other family than every CIDR matches nothing.
      IpFamily netFamily = seen[0] ? IpFamily.V4 : IpFamily.V6;
      if (ProtocolValidator.isIcmpV4(r.protocol()) && netFamily == IpFamily.V6) {
        c.field("protocol").add(ProtocolValidator.describe(r.protocol()) + " is IPv4-only, but the"
            + " rule's CIDRs are IPv6, so it can never match (use ICMPv6)");
      } else if (ProtocolValidator.isIcmpV6(r.protocol()) && netFamily == IpFamily.V4) {
        c.field("protocol").add(ProtocolValidator.describe(r.protocol()) + " is IPv6-only, but the"
            + " rule's CIDRs are IPv4, so it can never match (use ICMP)");
      }
    }
  }

  private static void netList(List<String> nets, boolean negated, IpFamily ruleFamily, boolean[] seen,
      ViolationCollector c) {
    if (nets.isEmpty()) {
      return;
    }
    if (nets.size() > MAX_NETS) {
      c.add("has " + nets.size() + " entries, " + (nets.size() - MAX_NETS) + " too many (at most "
          + MAX_NETS + "; use a NetworkSet and a selector for long lists)");
    }
    boolean v4 = false;
    boolean v6 = false;
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < nets.size(); i++) {
      String text = nets.get(i);
      ViolationCollector ci = c.index(i);
      Integer earlier = text == null ? null : firstIndex.putIfAbsent(text, i);
      if (earlier != null) {
        ci.add(UserText.quoted(text) + " is listed more than once (also at index " + earlier + ")");
      }
      Cidr cidr = AddressValidator.strictNet(text, true, ci);
      Cidr parsed = cidr;
      if (parsed == null && text != null) {
        parsed = parseQuietly(text); // still count its family, as Calico does for host-bit CIDRs
      }
      if (parsed == null) {
        continue;
      }
      if (negated && parsed.isCatchAll()) {
        ci.add(UserText.quoted(text) + " in notNets excludes every " + parsed.family()
            + " address, so the rule can never match (remove it)");
      }
      v4 |= parsed.family() == IpFamily.V4;
      v6 |= parsed.family() == IpFamily.V6;
    }
    if (ruleFamily != null && ((v4 && ruleFamily != IpFamily.V4) || (v6 && ruleFamily != IpFamily.V6))) {
      c.add("has " + (v4 ? IpFamily.V4 : IpFamily.V6) + " CIDRs, but the rule's ipVersion is "
          + ruleFamily.version() + " (a rule's CIDRs must match its ipVersion)");
    }
    if (v4 && v6) {
      c.add("mixes IPv4 and IPv6 CIDRs (all nets and notNets of one rule must be of one IP family;"
          + " split it into two rules)");
    } else if ((v4 && seen[1]) || (v6 && seen[0])) {
      c.add("has " + (v4 ? IpFamily.V4 : IpFamily.V6) + " CIDRs, but the rule's other nets are "
          + (v4 ? IpFamily.V6 : IpFamily.V4) + " (all nets and notNets of one rule must be of one IP"
          + " family; split it into two rules)");
    }
    seen[0] |= v4;
    seen[1] |= v6;
  }

  private static Cidr parseQuietly(String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void http(Rule r, ViolationCollector c) {
    HttpMatch h = r.http();
    if (r.action() != null && r.action() != Action.Allow) {
      c.add("is only allowed on Allow rules (action is " + r.action() + ")");
    }
    if (r.protocol() != null && !ProtocolValidator.isTcp(r.protocol())) {
      c.add("needs protocol TCP or no protocol (protocol is " + ProtocolValidator.describe(r.protocol()) + ")");
    }
    ViolationCollector cm = c.field("methods");
    if (h.methods().size() > MAX_HTTP_ITEMS) {
      cm.add("has " + h.methods().size() + " entries (at most " + MAX_HTTP_ITEMS + ")");
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < h.methods().size(); i++) {
      String m = h.methods().get(i);
      if (m == null || m.isEmpty() || !isHttpToken(m)) {
        cm.addAt(i, UserText.quoted(m) + " is not an HTTP method (letters, digits and !#$%&'*+-.^_`|~)");
        continue;
      }
      Integer earlier = firstIndex.putIfAbsent(m, i);
      if (earlier != null) {
        cm.addAt(i, UserText.quoted(m) + " is listed more than once (also at index " + earlier + ")");
      }
    }
    ViolationCollector cp = c.field("paths");
    if (h.paths().size() > MAX_HTTP_ITEMS) {
      cp.add("has " + h.paths().size() + " entries (at most " + MAX_HTTP_ITEMS + ")");
    }
    for (int i = 0; i < h.paths().size(); i++) {
      HttpMatch.HttpPath p = h.paths().get(i);
      ViolationCollector ci = cp.index(i);
      boolean exact = p != null && notEmpty(p.exact());
      boolean prefix = p != null && notEmpty(p.prefix());
      if (exact && prefix) {
        ci.add("sets both exact and prefix (set exactly one)");
        continue;
      }
      if (!exact && !prefix) {
        ci.add("sets neither exact nor prefix (set exactly one)");
        continue;
      }
      String v = exact ? p.exact() : p.prefix();
      ViolationCollector cv = ci.field(exact ? "exact" : "prefix");
      if (v.length() > MAX_HTTP_PATH) {
        cv.add("is " + v.length() + " characters long (at most " + MAX_HTTP_PATH + ")");
      } else if (!v.startsWith("/") || v.chars().anyMatch(ch -> ch == '?' || ch == '#' || ch == ' '
          || Character.isISOControl(ch))) {
        cv.add(UserText.quoted(v) + " is not a valid path (must start with '/' and contain no '?', '#', spaces or"
            + " control characters)");
      }
    }
  }

  /** RFC 7230 token characters. */
  private static boolean isHttpToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
