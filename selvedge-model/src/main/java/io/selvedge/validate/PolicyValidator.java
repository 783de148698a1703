package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.Kind;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Rule;
import io.selvedge.model.StagedAction;
import io.selvedge.validate.SelectorChecker.GlobalUse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the spec of the four policy kinds (NetworkPolicy, GlobalNetworkPolicy and their staged
 * forms): tier, order, selectors, types, rule lists and each rule (via {@link RuleValidator}),
 * which directions may use services and HTTP matches, the global-only fields (preDNAT,
 * doNotTrack, applyOnForward and their CEL rules), performance hints, and the staged
 * {@code Delete} rule (only {@code tier} may be set).
 *
 * <p>It expects {@link PolicyDefaults} to have run; an empty {@code types} is accepted.
 */
final class PolicyValidator {
  static final int MAX_RULES = 1024;
  static final String PERFORMANCE_HINT = "AssumeNeededOnEveryNode";

  private final SelectorChecker selectors;
  private final RuleValidator rules;

  PolicyValidator(SelectorChecker selectors, RuleValidator rules) {
    this.selectors = selectors;
    this.rules = rules;
  }

  void validate(Kind kind, PolicySpec spec, ViolationCollector c) {
    boolean global = kind == Kind.GLOBAL_NETWORK_POLICY || kind == Kind.STAGED_GLOBAL_NETWORK_POLICY;
    boolean staged = kind == Kind.STAGED_NETWORK_POLICY || kind == Kind.STAGED_GLOBAL_NETWORK_POLICY;

    fieldsOfOtherKinds(kind, spec, global, staged, c);
    if (spec.tier() != null && !spec.tier().isEmpty() && !KubernetesNames.isDns1123Label(spec.tier())) {
      c.field("tier").add(UserText.quoted(spec.tier()) + " is not a valid tier name (at most 63 lower-case"
          + " letters, digits and '-', starting and ending with a letter or digit; no dots)");
    }
    if (staged && spec.stagedAction() == StagedAction.Delete) {
      // Calico validates nothing else of a staged deletion: every other field must be empty.
      stagedDelete(spec, c);
      return;
    }
    if (spec.order() != null && !Double.isFinite(spec.order())) {
      c.field("order").add(spec.order() + " is not a finite number (any finite number; absent means last)");
    }
    selectors.check(spec.selector(), GlobalUse.FORBIDDEN, c.field("selector"));
    selectors.check(spec.serviceAccountSelector(), GlobalUse.FORBIDDEN, c.field("serviceAccountSelector"));
    if (global) {
      selectors.check(spec.namespaceSelector(), GlobalUse.FORBIDDEN, c.field("namespaceSelector"));
    }
    types(spec.types(), c.field("types"));
    performanceHints(spec.performanceHints(), c.field("performanceHints"));

    ruleList(spec.ingress(), c.field("ingress"));
    ruleList(spec.egress(), c.field("egress"));
    directions(spec, global, c);
    if (global) {
      untrackedAndPreDnat(spec, c);
    }
  }

  /** The codec keeps these out of kinds that lack them; records built in code might not. */
  private static void fieldsOfOtherKinds(Kind kind, PolicySpec spec, boolean global, boolean staged,
      ViolationCollector c) {
    if (!global) {
      String what = " is not a field of " + kind.apiName() + " (only global policies have it)";
      if (spec.namespaceSelector() != null && !spec.namespaceSelector().isEmpty()) {
        c.field("namespaceSelector").add("is set, but namespaceSelector" + what);
      }
      if (spec.doNotTrack()) {
        c.field("doNotTrack").add("is set, but doNotTrack" + what);
      }
      if (spec.preDNAT()) {
        c.field("preDNAT").add("is set, but preDNAT" + what);
      }
      if (spec.applyOnForward()) {
        c.field("applyOnForward").add("is set, but applyOnForward" + what);
      }
    }
    if (!staged && spec.stagedAction() != null) {
      c.field("stagedAction").add("is set, but stagedAction is not a field of " + kind.apiName()
          + " (only staged policies have it)");
    }
  }

  private static void stagedDelete(PolicySpec spec, ViolationCollector c) {
    String msg = "must be empty when stagedAction is Delete (only tier may be set)";
    if (spec.order() != null) {
      c.field("order").add(msg);
    }
    if (!spec.ingress().isEmpty()) {
      c.field("ingress").add(msg);
    }
    if (!spec.egress().isEmpty()) {
      c.field("egress").add(msg);
    }
    if (spec.selector() != null && !spec.selector().isEmpty()) {
      c.field("selector").add(msg);
    }
    if (!spec.types().isEmpty()) {
      c.field("types").add(msg);
    }
    if (spec.doNotTrack()) {
      c.field("doNotTrack").add(msg);
    }
    if (spec.preDNAT()) {
      c.field("preDNAT").add(msg);
    }
    if (spec.applyOnForward()) {
      c.field("applyOnForward").add(msg);
    }
    if (spec.serviceAccountSelector() != null && !spec.serviceAccountSelector().isEmpty()) {
      c.field("serviceAccountSelector").add(msg);
    }
    if (spec.namespaceSelector() != null && !spec.namespaceSelector().isEmpty()) {
      c.field("namespaceSelector").add(msg);
    }
    if (!spec.performanceHints().isEmpty()) {
      c.field("performanceHints").add(msg);
    }
  }

  private static void types(List<PolicyType> types, ViolationCollector c) {
    Set<PolicyType> seen = EnumSet.noneOf(PolicyType.class);
    for (int i = 0; i < types.size(); i++) {
      PolicyType t = types.get(i);
      if (t == null) {
        c.addAt(i, "is empty (Ingress or Egress)");
      } else if (!seen.add(t)) {
        c.addAt(i, "'" + t + "' type specified more than once (list each of Ingress, Egress at most once)");
      }
    }
  }

  private static void performanceHints(List<String> hints, ViolationCollector c) {
    boolean seen = false;
    for (int i = 0; i < hints.size(); i++) {
      String h = hints.get(i);
      if (!PERFORMANCE_HINT.equals(h)) {
        c.addAt(i, UserText.quoted(h) + " is not a performance hint (" + PERFORMANCE_HINT + ")");
      } else if (seen) {
        c.addAt(i, UserText.quoted(h) + " is listed more than once (list it once)");
      } else {
        seen = true;
      }
    }
  }

  private void ruleList(List<Rule> list, ViolationCollector c) {
    if (list.size() > MAX_RULES) {
      c.add("has " + list.size() + " rules, " + (list.size() - MAX_RULES) + " too many (at most " + MAX_RULES + ")");
    }
    for (int i = 0; i < list.size(); i++) {
      rules.validate(list.get(i), c.index(i));
    }
  }

  /**
   * Services match the peer: a service may be the source of an ingress rule or the destination
   * of an egress rule. HTTP matches apply to ingress only. A global policy must say which
   * namespace a service is in.
   */
  private static void directions(PolicySpec spec, boolean global, ViolationCollector c) {
    for (int i = 0; i < spec.ingress().size(); i++) {
      Rule r = spec.ingress().get(i);
      if (r == null) {
        continue;
      }
      ViolationCollector ci = c.field("ingress").index(i);
      if (r.destination().services() != null) {
        ci.field("destination").field("services").add("is not allowed in an ingress rule (an ingress"
            + " rule matches a service as its source: use source.services)");
      }
      if (global && r.source().services() != null && isEmpty(r.source().services().namespace())) {
        ci.field("source").field("services").field("namespace").add("is missing (a global policy must"
            + " name the service's namespace)");
      }
    }
    for (int i = 0; i < spec.egress().size(); i++) {
      Rule r = spec.egress().get(i);
      if (r == null) {
        continue;
      }
      ViolationCollector ci = c.field("egress").index(i);
      if (r.source().services() != null) {
        ci.field("source").field("services").add("is not allowed in an egress rule (an egress rule"
            + " matches a service as its destination: use destination.services)");
      }
      if (r.http() != null) {
        ci.field("http").add("is not allowed in an egress rule (HTTP matches apply to ingress rules only)");
      }
      if (global && r.destination().services() != null && isEmpty(r.destination().services().namespace())) {
        ci.field("destination").field("services").field("namespace").add("is missing (a global policy"
            + " must name the service's namespace)");
      }
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static void untrackedAndPreDnat(PolicySpec spec, ViolationCollector c) {
    if (spec.doNotTrack() && spec.preDNAT()) {
      c.field("preDNAT").add("cannot be combined with doNotTrack (a policy is untracked or pre-DNAT,"
          + " not both)");
    }
    if (spec.preDNAT() && !spec.egress().isEmpty()) {
      c.field("egress").add("is not allowed in a preDNAT policy (pre-DNAT policy applies to ingress only)");
    }
    if (spec.preDNAT() && spec.types().contains(PolicyType.Egress)) {
      c.field("types").add("includes Egress, not allowed in a preDNAT policy (use [Ingress])");
    }
    if ((spec.doNotTrack() || spec.preDNAT()) && !spec.applyOnForward()) {
      c.field("applyOnForward").add("must be true when " + (spec.doNotTrack() ? "doNotTrack" : "preDNAT")
          + " is true");
    }
  }
}
