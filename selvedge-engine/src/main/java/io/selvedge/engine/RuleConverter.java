package io.selvedge.engine;

import io.selvedge.engine.index.NamedPortSetId;
import io.selvedge.model.EntityRule;
import io.selvedge.model.IcmpFields;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Converts the v3 rules of a policy or profile into {@link ParsedRule}s, the way Calico's update
 * processor ({@code RuleAPIV2ToBackend}) and Felix's rule scanner do (spec §1.2, §3.3, §3.4):
 * action resolved ({@code Pass} = next tier, missing = Allow), protocols to numbers (names in any
 * case, spec G21), nets parsed and masked (unparseable entries skipped, as Felix does), selectors
 * rewritten by {@link RuleSelectorRewriter} and reduced to IP-set IDs, named ports split from
 * numeric ones. Named-port sets draw from the side's positive selector or {@code all()}; when a
 * side has named ports and no numeric ports, its selector set is left out, because the
 * named-port set is already filtered by it (Felix's optimisation; same verdicts).
 *
 * <p>Throws {@link ConversionException} for what Felix's validation would reject (the policy is
 * then treated as absent, G20). Stateless apart from the per-call collections.
 */
final class RuleConverter {
  private final String namespace;
  private final Consumer<String> problems;
  private final Map<String, Selector> selectors = new HashMap<>();
  private final Map<String, NamedPortSetId> namedPortSets = new HashMap<>();

  private RuleConverter(String namespace, Consumer<String> problems) {
    this.namespace = namespace;
    this.problems = problems;
  }

  /**
   * @param namespace the policy's namespace; {@code ""} for global policies and profiles
   */
  static ParsedRules convert(List<Rule> ingress, List<Rule> egress, String namespace, Consumer<String> problems)
      throws ConversionException {
    RuleConverter c = new RuleConverter(namespace, problems);
    List<ParsedRule> in = new ArrayList<>(ingress.size());
    for (int i = 0; i < ingress.size(); i++) {
      in.add(c.rule(Direction.INGRESS, i, ingress.get(i)));
    }
    List<ParsedRule> out = new ArrayList<>(egress.size());
    for (int i = 0; i < egress.size(); i++) {
      out.add(c.rule(Direction.EGRESS, i, egress.get(i)));
    }
    return new ParsedRules(in, out, c.selectors, c.namedPortSets);
  }

  private ParsedRule rule(Direction d, int index, Rule r) throws ConversionException {
    String where = d.name().toLowerCase(Locale.ROOT) + "[" + index + "]";
    Integer protocol = protocol(r.protocol(), where + ".protocol");
    Integer notProtocol = protocol(r.notProtocol(), where + ".notProtocol");
    Integer ipVersion = r.ipVersion();
    if (ipVersion == null && r.protocol() != null && r.protocol().name() != null) {
      // Inferred from the protocol *name* only (spec G8): "ICMP" is IPv4, "ICMPv6" IPv6.
      String n = r.protocol().name().toLowerCase(Locale.ROOT);
      ipVersion = n.equals("icmp") ? Integer.valueOf(4) : n.equals("icmpv6") ? Integer.valueOf(6) : null;
    }
    if (ipVersion != null && ipVersion != 4 && ipVersion != 6) {
      throw new ConversionException(where + ".ipVersion: " + ipVersion + " is not 4 or 6");
    }
    boolean services = r.source().services() != null || r.destination().services() != null;
    ParsedEntity src = entity(r.source(), protocol, where + ".source");
    ParsedEntity dst = entity(r.destination(), protocol, where + ".destination");
    return new ParsedRule(d, index, r, RuleAction.of(r.action()), ipVersion, protocol, notProtocol,
        icmp(r.icmp(), where + ".icmp"), icmp(r.notICMP(), where + ".notICMP"), src, dst, r.http() != null, services);
  }

  private ParsedEntity entity(EntityRule er, Integer protocol, String where) throws ConversionException {
    RuleSelectorRewriter.Sides sides = RuleSelectorRewriter.rewrite(er, namespace);
    String positiveId = register(sides.positive(), where + ".selector");
    String negativeId = register(sides.negative(), where + ".notSelector");
    List<PortRange> ports = new ArrayList<>();
    List<String> named = new ArrayList<>();
    split(er.ports(), ports, named);
    List<PortRange> notPorts = new ArrayList<>();
    List<String> notNamed = new ArrayList<>();
    split(er.notPorts(), notPorts, notNamed);
    String namedPortSelectorId = null;
    if (!named.isEmpty() || !notNamed.isEmpty()) {
      namedPortSelectorId = positiveId != null ? positiveId : register(Selector.ALL);
      for (String n : named) {
        NamedPortSetId id = NamedPortSetId.of(namedPortSelectorId, protocol, n);
        namedPortSets.put(id.id(), id);
      }
      for (String n : notNamed) {
        NamedPortSetId id = NamedPortSetId.of(namedPortSelectorId, protocol, n);
        namedPortSets.put(id.id(), id);
      }
    }
    String selectorSetId = positiveId;
    if (!named.isEmpty() && ports.isEmpty()) {
      selectorSetId = null; // the named-port sets already contain only the selector's endpoints
    }
    return new ParsedEntity(nets(er.nets(), where + ".nets"), nets(er.notNets(), where + ".notNets"), selectorSetId,
        negativeId, ports, named, notPorts, notNamed, namedPortSelectorId);
  }

  private String register(String text, String where) throws ConversionException {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return register(Selector.parse(text));
    } catch (SelectorParseException e) {
      throw new ConversionException(where + ": selector \"" + text + "\" does not parse: " + e.getMessage());
    }
  }

  private String register(Selector s) {
    String id = s.uniqueId();
    selectors.putIfAbsent(id, s);
    return id;
  }

  private static void split(List<Port> in, List<PortRange> numeric, List<String> named) {
    for (Port p : in) {
      if (p.isNamed()) {
        named.add(p.name());
      } else {
        numeric.add(new PortRange(p.min(), p.max()));
      }
    }
  }

  private List<Cidr> nets(List<String> in, String where) {
    List<Cidr> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      try {
        out.add(Cidr.parse(in.get(i)));
      } catch (IllegalArgumentException e) {
        problems.accept(where + "[" + i + "]: " + e.getMessage() + " (skipped, as Felix does)");
      }
    }
    return out;
  }

  private static Integer protocol(Protocol p, String where) throws ConversionException {
    if (p == null) {
      return null;
    }
    var n = p.resolvedNumber();
    if (n.isEmpty()) {
      throw new ConversionException(where + ": unknown protocol \"" + p + "\"");
    }
    return n.getAsInt();
  }

  private static IcmpMatch icmp(IcmpFields f, String where) throws ConversionException {
    if (f == null || (f.type() == null && f.code() == null)) {
      return null;
    }
    if (f.type() == null) {
      throw new ConversionException(where + ": ICMP code without a type");
    }
    try {
      return new IcmpMatch(f.type(), f.code());
    } catch (IllegalArgumentException e) {
      throw new ConversionException(where + ": " + e.getMessage());
    }
  }
}
