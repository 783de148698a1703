package io.selvedge.engine;

import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.HostEndpointSpec;
import io.selvedge.model.IcmpFields;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Profile;
import io.selvedge.model.ProfileSpec;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import io.selvedge.model.ServiceAccountMatch;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.TierSpec;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import java.util.List;
import java.util.Map;

/** Small builders for resources in engine tests. */
final class Fixtures {
  private Fixtures() {}

  static Map<String, String> labels(String... kv) {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static ObjectMeta meta(String ns, String name, Map<String, String> labels) {
    return new ObjectMeta(name, ns, null, null, null, null, labels, null);
  }

  static WorkloadEndpoint wep(String node, String ns, String name, Map<String, String> labels, String iface,
      List<String> ips, List<String> profiles) {
    return wep(node, ns, name, labels, iface, ips, profiles, List.of(), null);
  }

  static WorkloadEndpoint wep(String node, String ns, String name, Map<String, String> labels, String iface,
      List<String> ips, List<String> profiles, List<WorkloadEndpointSpec.WorkloadEndpointPort> ports, String sa) {
    return new WorkloadEndpoint(meta(ns, name, labels), new WorkloadEndpointSpec("k8s", null, node, null, name, "eth0",
        sa, ips, null, null, null, profiles, iface, null, ports, null, null));
  }

  static WorkloadEndpointSpec.WorkloadEndpointPort port(String name, Protocol p, int port) {
    return new WorkloadEndpointSpec.WorkloadEndpointPort(name, p, port, 0, null);
  }

  static HostEndpoint hep(String node, String name, Map<String, String> labels, String iface, List<String> ips,
      List<String> profiles) {
    return new HostEndpoint(meta(null, name, labels), new HostEndpointSpec(node, iface, ips, profiles, null));
  }

  static GlobalNetworkSet gns(String name, Map<String, String> labels, String... nets) {
    return new GlobalNetworkSet(meta(null, name, labels), new NetworkSetSpec(List.of(nets)));
  }

  static NetworkSet ns(String namespace, String name, Map<String, String> labels, String... nets) {
    return new NetworkSet(meta(namespace, name, labels), new NetworkSetSpec(List.of(nets)));
  }

  static Profile profile(String name, Map<String, String> labelsToApply, List<Rule> ingress, List<Rule> egress) {
    return new Profile(meta(null, name, null), new ProfileSpec(ingress, egress, labelsToApply));
  }

  static Tier tier(String name, Double order, String defaultAction) {
    return new Tier(meta(null, name, null), new TierSpec(order, defaultAction));
  }

  /** A policy spec builder with Calico's field names. */
  static final class Spec {
    String tier;
    Double order;
    List<Rule> ingress = List.of();
    List<Rule> egress = List.of();
    String selector;
    List<PolicyType> types = List.of();
    boolean doNotTrack;
    boolean preDnat;
    boolean applyOnForward;
    String saSelector;
    String nsSelector;
    StagedAction stagedAction;

    Spec tier(String t) {
      tier = t;
      return this;
    }

    Spec order(double o) {
      order = o;
      return this;
    }

    Spec selector(String s) {
      selector = s;
      return this;
    }

    Spec ingress(Rule... r) {
      ingress = List.of(r);
      return this;
    }

    Spec egress(Rule... r) {
      egress = List.of(r);
      return this;
    }

    Spec types(PolicyType... t) {
      types = List.of(t);
      return this;
    }

    Spec doNotTrack() {
      doNotTrack = true;
      applyOnForward = true;
      return this;
    }

    Spec preDnat() {
      preDnat = true;
      applyOnForward = true;
      return this;
    }

    Spec applyOnForward() {
      applyOnForward = true;
      return this;
    }

    Spec saSelector(String s) {
      saSelector = s;
      return this;
    }

    Spec nsSelector(String s) {
      nsSelector = s;
      return this;
    }

    Spec stagedAction(StagedAction a) {
      stagedAction = a;
      return this;
    }

    PolicySpec build() {
      return new PolicySpec(stagedAction, tier, order, ingress, egress, selector, types, doNotTrack, preDnat,
          applyOnForward, saSelector, nsSelector, null);
    }
  }

  static Spec spec() {
    return new Spec();
  }

  static GlobalNetworkPolicy gnp(String name, Spec s) {
    return new GlobalNetworkPolicy(meta(null, name, null), s.build());
  }

  static NetworkPolicy np(String ns, String name, Spec s) {
    return new NetworkPolicy(meta(ns, name, null), s.build());
  }

  static StagedNetworkPolicy snp(String ns, String name, Spec s) {
    return new StagedNetworkPolicy(meta(ns, name, null), s.build());
  }

  static StagedGlobalNetworkPolicy sgnp(String name, Spec s) {
    return new StagedGlobalNetworkPolicy(meta(null, name, null), s.build());
  }

  /** A rule builder. */
  static final class R {
    Action action;
    Integer ipVersion;
    Protocol protocol;
    Protocol notProtocol;
    IcmpFields icmp;
    EntityRule source = EntityRule.EMPTY;
    EntityRule destination = EntityRule.EMPTY;

    R(Action a) {
      action = a;
    }

    R ipVersion(int v) {
      ipVersion = v;
      return this;
    }

    R protocol(Protocol p) {
      protocol = p;
      return this;
    }

    R icmp(Integer type, Integer code) {
      icmp = new IcmpFields(type, code);
      return this;
    }

    R src(EntityRule e) {
      source = e;
      return this;
    }

    R dst(EntityRule e) {
      destination = e;
      return this;
    }

    Rule build() {
      return new Rule(action, ipVersion, protocol, icmp, notProtocol, null, source, destination, null, null);
    }
  }

  static R allow() {
    return new R(Action.Allow);
  }

  static R deny() {
    return new R(Action.Deny);
  }

  static R pass() {
    return new R(Action.Pass);
  }

  /** An entity rule builder. */
  static final class E {
    List<String> nets = List.of();
    String selector;
    String namespaceSelector;
    List<Port> ports = List.of();
    List<String> notNets = List.of();
    String notSelector;
    List<Port> notPorts = List.of();
    ServiceAccountMatch sa;

    E nets(String... n) {
      nets = List.of(n);
      return this;
    }

    E notNets(String... n) {
      notNets = List.of(n);
      return this;
    }

    E selector(String s) {
      selector = s;
      return this;
    }

    E nsSelector(String s) {
      namespaceSelector = s;
      return this;
    }

    E notSelector(String s) {
      notSelector = s;
      return this;
    }

    E ports(Port... p) {
      ports = List.of(p);
      return this;
    }

    E serviceAccounts(List<String> names, String selector) {
      sa = new ServiceAccountMatch(names, selector);
      return this;
    }

    EntityRule build() {
      return new EntityRule(nets, selector, namespaceSelector, null, ports, notNets, notSelector, notPorts, sa);
    }
  }

  static E entity() {
    return new E();
  }
}
