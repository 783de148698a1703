package io.selvedge.engine;

import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;

/**
 * Calico's {@code parseSelectorAttachPrefix}: parses a selector, puts a prefix in front of every
 * label and prints the canonical form. As in Calico, a selector that does not parse yields
 * {@code ""} (its constraint silently disappears; the validator stops such input earlier).
 * Stateless.
 */
final class SelectorPrefixer {
  static final String NAMESPACE_PREFIX = "pcns.";
  static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";

  private SelectorPrefixer() {}

  static String prefixed(String selector, String prefix) {
    try {
      return Selector.parse(selector).prefixLabels(prefix).canonical();
    } catch (SelectorParseException | IllegalArgumentException e) {
      return "";
    }
  }

  /** Calico's {@code prefixAndAppendSelector}: {@code (current) && prefixed(extra)}. */
  static String prefixAndAppend(String current, String extra, String prefix) {
    if (extra == null || extra.isEmpty()) {
      return current;
    }
    String p = prefixed(extra, prefix);
    if (p.isEmpty()) {
      return current;
    }
    return current.isEmpty() ? p : "(" + current + ") && " + p;
  }
}
