package io.selvedge.engine;

import io.selvedge.model.EntityRule;
import io.selvedge.model.ServiceAccountMatch;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;

/**
 * The positive and negative selector of one side of a rule, as Calico computes them (spec
 * §3.3, G3): the update processor's {@code getEndpointSelector} (service accounts, namespace
 * selector with {@code pcns.} prefixes and {@code all()}/{@code global()} replacement, the
 * policy's own namespace for NetworkPolicies), then Felix's {@code combineMatchesIfPossible}
 * (a {@code notSelector} is folded into a positive selector as {@code (pos) && (!(neg))}; only
 * without a positive selector does it stay a separate negated match). Text in, text out;
 * {@code ""} means "none". Stateless.
 */
final class RuleSelectorRewriter {
  private RuleSelectorRewriter() {}

  /** The rewritten positive selector and the remaining negative one ({@code ""} = none). */
  record Sides(String positive, String negative) {}

  /**
   * @param namespace the policy's namespace; {@code ""} for global policies and profiles
   */
  static Sides rewrite(EntityRule er, String namespace) {
    String saSel = er.serviceAccounts() == null ? "" : serviceAccounts(er.serviceAccounts());
    String positive = endpointSelector(nz(er.namespaceSelector()), nz(er.selector()), saSel, nz(er.notSelector()),
        namespace);
    String negative = nz(er.notSelector());
    if (!positive.isEmpty() && !negative.isEmpty()) {
      return new Sides("(" + positive + ") && (!(" + negative + "))", "");
    }
    return new Sides(positive, negative);
  }

  private static String endpointSelector(String namespaceSelector, String selector, String saSelector,
      String notSelector, String namespace) {
    String nsSel = "";
    if (!namespaceSelector.isEmpty()) {
      nsSel = SelectorPrefixer.prefixed(namespaceSelector, SelectorPrefixer.NAMESPACE_PREFIX)
          .replace("all()", "has(" + ImplicitLabels.NAMESPACE + ")")
          .replace("global()", "!has(" + ImplicitLabels.NAMESPACE + ")");
    } else if (!namespace.isEmpty()) {
      nsSel = ImplicitLabels.NAMESPACE + " == '" + namespace + "'";
    }
    String sel;
    if (!saSelector.isEmpty() && !selector.isEmpty()) {
      sel = "(" + saSelector + ") && (" + selector + ")";
    } else {
      sel = saSelector.isEmpty() ? selector : saSelector;
    }
    if (!nsSel.isEmpty() && (!sel.isEmpty() || !notSelector.isEmpty() || !namespaceSelector.isEmpty())) {
      sel = sel.isEmpty() ? nsSel : "(" + nsSel + ") && (" + sel + ")";
    }
    return sel;
  }

  /**
   * Calico's {@code parseServiceAccounts}: the prefixed selector and/or
   * {@code projectcalico.org/serviceaccount in {…}}. Names are spliced in unquoted-escaped, so a
   * name with a quote makes the whole constraint disappear, as in Calico.
   */
  static String serviceAccounts(ServiceAccountMatch sam) {
    String updated = "";
    if (sam.selector() != null && !sam.selector().isEmpty()) {
      updated = SelectorPrefixer.prefixed(sam.selector(), SelectorPrefixer.SERVICE_ACCOUNT_PREFIX);
    }
    if (sam.names().isEmpty()) {
      return updated;
    }
    String names;
    try {
      names = Selector.parse(ImplicitLabels.SERVICE_ACCOUNT + " in { '" + String.join("', '", sam.names()) + "' }")
          .canonical();
    } catch (SelectorParseException e) {
      return "";
    }
    return updated.isEmpty() ? names : "(" + updated + ") && (" + names + ")";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
