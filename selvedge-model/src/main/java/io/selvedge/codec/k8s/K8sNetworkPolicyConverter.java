package io.selvedge.codec.k8s;

import io.selvedge.codec.k8s.K8sNetworkPolicy.LabelSelector;
import io.selvedge.codec.k8s.K8sNetworkPolicy.Peer;
import io.selvedge.codec.k8s.K8sNetworkPolicy.PolicyPort;
import io.selvedge.codec.k8s.K8sNetworkPolicy.Requirement;
import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts a Kubernetes NetworkPolicy into the Calico NetworkPolicy that Calico's own
 * converter ({@code libcalico-go/lib/backend/k8s/conversion}, {@code K8sNetworkPolicyToCalico})
 * produces, so Selvedge enforces it exactly as Calico would:
 *
 * <ul>
 *   <li>name {@code knp.default.<name>}, same namespace, {@code order: 1000}, tier unset
 *       (default); labels, annotations and datastore fields are not carried over.
 *   <li>selector {@code projectcalico.org/orchestrator == 'k8s'} followed by the podSelector's
 *       matchLabels (sorted by key) and matchExpressions, joined with {@code &&}.
 *   <li>types: Kubernetes first defaults an empty {@code policyTypes} (Ingress, plus Egress when
 *       there are egress rules), then Calico lists Ingress before Egress.
 *   <li>each Kubernetes rule becomes one Allow rule per (protocol, peer): ports are grouped by
 *       protocol (TCP when absent; protocols in sorted order, "any protocol" first), numeric
 *       ports of a protocol are merged into ranges, a port entry without a port number opens
 *       every port of its protocol, and no ports at all means any protocol. An empty peer list
 *       means any source/destination.
 *   <li>a peer's podSelector becomes the rule selector (with the orchestrator term), its
 *       namespaceSelector the rule namespaceSelector ({@code {}} gives {@code all()}, absent
 *       keeps the policy's namespace); an ipBlock becomes nets (masked) and notNets (except).
 * </ul>
 *
 * <p>Where Calico would log and silently drop part of a policy (an unparseable port or CIDR,
 * which Kubernetes' API validation rejects anyway), and for peers and selectors that
 * Kubernetes itself rejects (empty peer, ipBlock with selectors, In without values, endPort
 * with a named port), this converter refuses the whole policy instead, naming the field.
 * Label values that contain a single quote are quoted with double quotes so the generated
 * selector still parses (Calico would emit a broken selector). Stateless and thread-safe.
 */
public final class K8sNetworkPolicyConverter {
  public static final String NAME_PREFIX = "knp.default.";
  public static final double ORDER = 1000.0;
  static final String ORCHESTRATOR_TERM = "projectcalico.org/orchestrator == 'k8s'";

  private K8sNetworkPolicyConverter() {}

  public static NetworkPolicy convert(K8sNetworkPolicy np) throws K8sConversionException {
    K8sNetworkPolicy.Spec spec = np.spec();
    List<Rule> ingress = new ArrayList<>();
    for (int i = 0; i < spec.ingress().size(); i++) {
      K8sNetworkPolicy.IngressRule r = spec.ingress().get(i);
      ingress.addAll(rules(r.from(), r.ports(), true, "spec.ingress[" + i + "]", "from"));
    }
    List<Rule> egress = new ArrayList<>();
    for (int i = 0; i < spec.egress().size(); i++) {
      K8sNetworkPolicy.EgressRule r = spec.egress().get(i);
      egress.addAll(rules(r.to(), r.ports(), false, "spec.egress[" + i + "]", "to"));
    }
    List<PolicyType> given = spec.policyTypes();
    boolean in;
    boolean out;
    if (given.isEmpty()) {
      in = true;
      out = !spec.egress().isEmpty();
    } else {
      in = given.contains(PolicyType.Ingress);
      out = given.contains(PolicyType.Egress);
    }
    List<PolicyType> types = new ArrayList<>();
    if (in) {
      types.add(PolicyType.Ingress);
    }
    if (out) {
      types.add(PolicyType.Egress);
    }
    String selector = selector(spec.podSelector() == null ? new LabelSelector(null, null) : spec.podSelector(),
        true, "spec.podSelector");
    String name = np.metadata().name() == null ? null : NAME_PREFIX + np.metadata().name();
    ObjectMeta meta = ObjectMeta.named(np.metadata().namespace(), name);
    PolicySpec ps = new PolicySpec(null, null, ORDER, ingress, egress, selector, types, false, false, false,
        null, null, null);
    return new NetworkPolicy(meta, ps);
  }

  private static List<Rule> rules(List<Peer> peers, List<PolicyPort> ports, boolean ingress, String path,
      String peersField) throws K8sConversionException {
    // protocol name ("" = any) -> ports; a null value means every port of that protocol.
    Map<String, List<Port>> byProtocol = new TreeMap<>();
    if (ports.isEmpty()) {
      byProtocol.put("", null);
    }
    for (int j = 0; j < ports.size(); j++) {
      PolicyPort p = ports.get(j);
      String proto = p.protocol() == null ? "TCP" : p.protocol().name();
      if (p.port() == null) {
        if (p.endPort() != null) {
          throw new K8sConversionException(path + ".ports[" + j + "].endPort", "endPort needs a port");
        }
        byProtocol.put(proto, null);
        continue;
      }
      Port port = port(p, path + ".ports[" + j + "]");
      if (!byProtocol.containsKey(proto)) {
        byProtocol.put(proto, new ArrayList<>(List.of(port)));
      } else if (byProtocol.get(proto) != null) {
        byProtocol.get(proto).add(port);
      }
    }
    List<Peer> ps = peers.isEmpty() ? Collections.singletonList(null) : peers;
    List<Rule> out = new ArrayList<>();
    for (Map.Entry<String, List<Port>> e : byProtocol.entrySet()) {
      Protocol protocol = e.getKey().isEmpty() ? null : Protocol.named(e.getKey());
      List<Port> rulePorts = e.getValue() == null ? null : simplifyPorts(e.getValue());
      for (int k = 0; k < ps.size(); k++) {
        Peer peer = ps.get(k);
        String peerPath = path + "." + peersField + "[" + k + "]";
        String sel = null;
        String nsSel = null;
        List<String> nets = null;
        List<String> notNets = null;
        if (peer != null) {
          boolean hasSelectors = peer.podSelector() != null || peer.namespaceSelector() != null;
          if (peer.ipBlock() != null) {
            if (hasSelectors) {
              throw new K8sConversionException(peerPath,
                  "a peer sets either ipBlock or podSelector/namespaceSelector, not both");
            }
            nets = List.of(cidr(peer.ipBlock().cidr(), peerPath + ".ipBlock.cidr"));
            notNets = new ArrayList<>();
            for (int x = 0; x < peer.ipBlock().except().size(); x++) {
              notNets.add(cidr(peer.ipBlock().except().get(x), peerPath + ".ipBlock.except[" + x + "]"));
            }
          } else if (!hasSelectors) {
            throw new K8sConversionException(peerPath, "a peer needs podSelector, namespaceSelector or ipBlock");
          } else {
            sel = selector(peer.podSelector(), true, peerPath + ".podSelector"); // absent: every pod
            nsSel = peer.namespaceSelector() == null ? null
                : selector(peer.namespaceSelector(), false, peerPath + ".namespaceSelector");
          }
        }
        EntityRule match = new EntityRule(nets, sel, nsSel, null, null, notNets, null, null, null);
        EntityRule portsOnly = new EntityRule(null, null, null, null, rulePorts, null, null, null, null);
        EntityRule both = new EntityRule(nets, sel, nsSel, null, rulePorts, notNets, null, null, null);
        out.add(ingress
            ? new Rule(Action.Allow, null, protocol, null, null, null, match, portsOnly, null, null)
            : new Rule(Action.Allow, null, protocol, null, null, null, EntityRule.EMPTY, both, null, null));
      }
    }
    return out;
  }

  private static Port port(PolicyPort p, String path) throws K8sConversionException {
    String text = String.valueOf(p.port().toJson());
    if (p.endPort() != null) {
      if (p.port().name() != null) {
        throw new K8sConversionException(path + ".endPort", "endPort needs a numeric port, not the named port \""
            + p.port().name() + "\"");
      }
      text = text + ":" + p.endPort();
    }
    try {
      return Port.parse(text);
    } catch (IllegalArgumentException e) {
      throw new K8sConversionException(path + (p.endPort() != null ? "" : ".port"), e.getMessage());
    }
  }

  static String cidr(String c, String path) throws K8sConversionException {
    if (c == null) {
      throw new K8sConversionException(path, "missing (an ipBlock needs a cidr)");
    }
    if (!io.selvedge.net.Cidr.hasExplicitPrefix(c)) {
      throw new K8sConversionException(path, io.selvedge.model.UserText.quoted(c) + " is not a valid CIDR: it needs a prefix length, e.g. /32");
    }
    try {
      // Kubernetes accepts host bits in ipBlock and Calico masks them: print the network.
      return io.selvedge.net.Cidr.parse(c).masked().toString();
    } catch (IllegalArgumentException e) {
      throw new K8sConversionException(path, e.getMessage());
    }
  }

  /**
   * Calico's selector text for a label selector. Pod selectors start with the orchestrator
   * term; an empty namespace selector is {@code all()}.
   */
  static String selector(LabelSelector s, boolean pod, String path) throws K8sConversionException {
    List<String> terms = new ArrayList<>();
    if (pod) {
      terms.add(ORCHESTRATOR_TERM);
    }
    if (s == null) {
      return String.join(" && ", terms);
    }
    if (!pod && s.matchLabels().isEmpty() && s.matchExpressions().isEmpty()) {
      return "all()";
    }
    for (String k : new TreeMap<>(s.matchLabels()).keySet()) {
      terms.add(k + " == " + quote(s.matchLabels().get(k)));
    }
    for (int i = 0; i < s.matchExpressions().size(); i++) {
      Requirement r = s.matchExpressions().get(i);
      String rp = path + ".matchExpressions[" + i + "]";
      if (r.key() == null || r.key().isEmpty()) {
        throw new K8sConversionException(rp + ".key", "missing");
      }
      if (r.operator() == null) {
        throw new K8sConversionException(rp + ".operator", "missing (one of In, NotIn, Exists, DoesNotExist)");
      }
      switch (r.operator()) {
        case In:
        case NotIn: {
          if (r.values().isEmpty()) {
            throw new K8sConversionException(rp + ".values", "operator " + r.operator() + " needs at least one value");
          }
          List<String> vs = new ArrayList<>();
          for (String v : r.values()) {
            vs.add(quote(v));
          }
          terms.add(r.key() + (r.operator() == K8sNetworkPolicy.Operator.In ? " in { " : " not in { ")
              + String.join(", ", vs) + " }");
          break;
        }
        case Exists:
        case DoesNotExist:
          if (!r.values().isEmpty()) {
            throw new K8sConversionException(rp + ".values", "operator " + r.operator() + " takes no values");
          }
          terms.add((r.operator() == K8sNetworkPolicy.Operator.Exists ? "has(" : "! has(") + r.key() + ")");
          break;
        default:
          throw new IllegalStateException();
      }
    }
    return String.join(" && ", terms);
  }

  private static String quote(String v) {
    return v.indexOf('\'') >= 0 ? "\"" + v + "\"" : "'" + v + "'";
  }

  /**
   * Calico's {@code SimplifyPorts}: with at most one port (counting each port of a range) the
   * list is returned as is; otherwise named ports come first in their order, then the numeric
   * ports merged into sorted, coalesced ranges.
   */
  static List<Port> simplifyPorts(List<Port> ports) {
    if (ports.size() <= 1) {
      return ports;
    }
    List<Port> out = new ArrayList<>();
    BitSet numbers = new BitSet(65536);
    long count = 0;
    for (Port p : ports) {
      if (p.isNamed()) {
        out.add(p);
      } else {
        numbers.set(p.min(), p.max() + 1);
        count += p.max() - p.min() + 1;
      }
    }
    if (count <= 1) {
      return ports;
    }
    for (int i = numbers.nextSetBit(0); i >= 0; ) {
      int end = numbers.nextClearBit(i) - 1;
      out.add(i == end ? Port.of(i) : Port.range(i, end));
      i = numbers.nextSetBit(end + 1);
    }
    return out;
  }
}
