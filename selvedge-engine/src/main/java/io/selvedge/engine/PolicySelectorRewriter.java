package io.selvedge.engine;

import io.selvedge.model.PolicySpec;

/**
 * The effective selector of a policy: which endpoints it applies to, as Calico's update
 * processors rewrite it (spec §3.2, G24). Text in, text out; the caller parses the result.
 *
 * <ul>
 *   <li>NetworkPolicy (and staged): {@code (<selector>) && projectcalico.org/namespace == '<ns>'}
 *       (just the namespace test when the selector is empty), then
 *       {@code (S) && <serviceAccountSelector with pcsa. prefixes>}; {@code all()} stays.
 *   <li>GlobalNetworkPolicy (and staged): {@code (S) && <namespaceSelector with pcns. prefixes>},
 *       then every {@code all()} in the text becomes {@code has(projectcalico.org/namespace)};
 *       then the same with the service-account selector and
 *       {@code has(projectcalico.org/serviceaccount)}. Without namespace or service-account
 *       selectors, an empty or {@code all()} selector matches every endpoint, hosts included.
 * </ul>
 *
 * The textual {@code all()} replacement also rewrites string literals containing
 * {@code all()}, as Calico does (G10). Stateless.
 */
final class PolicySelectorRewriter {
  private PolicySelectorRewriter() {}

  static String namespaced(String namespace, PolicySpec spec) {
    String selector = spec.selector() == null ? "" : spec.selector();
    String ns = ImplicitLabels.NAMESPACE + " == '" + namespace + "'";
    selector = selector.isEmpty() ? ns : "(" + selector + ") && " + ns;
    return SelectorPrefixer.prefixAndAppend(selector, spec.serviceAccountSelector(),
        SelectorPrefixer.SERVICE_ACCOUNT_PREFIX);
  }

  static String global(PolicySpec spec) {
    String selector = spec.selector() == null ? "" : spec.selector();
    String nsSel = spec.namespaceSelector();
    if (nsSel != null && !nsSel.isEmpty()) {
      selector = SelectorPrefixer.prefixAndAppend(selector, nsSel, SelectorPrefixer.NAMESPACE_PREFIX);
      selector = selector.replace("all()", "has(" + ImplicitLabels.NAMESPACE + ")");
    }
    String saSel = spec.serviceAccountSelector();
    if (saSel != null && !saSel.isEmpty()) {
      selector = SelectorPrefixer.prefixAndAppend(selector, saSel, SelectorPrefixer.SERVICE_ACCOUNT_PREFIX);
      selector = selector.replace("all()", "has(" + ImplicitLabels.SERVICE_ACCOUNT + ")");
    }
    return selector;
  }
}
