package io.selvedge.validate;

import io.selvedge.model.UserText;

/**
 * Checks a selector-valued field: its length (at most 1024 characters, Calico's CRD limit),
 * its syntax (delegated to a {@link SelectorSyntax}), and where {@code global()} may appear.
 * Calico allows {@code global()} only as the whole of a rule's {@code namespaceSelector}; its
 * CRD rejects any field value containing the text {@code global(} in a policy
 * {@code selector}, {@code serviceAccountSelector}, a global policy's {@code namespaceSelector}
 * and a rule's {@code selector} (even inside a string literal), and leaves {@code notSelector}
 * and {@code serviceAccounts.selector} alone.
 */
final class SelectorChecker {
  static final int MAX_LENGTH = 1024;
  private static final String GLOBAL = "global(";

  /** Where {@code global()} may appear in the checked field. */
  enum GlobalUse {
    /** The text {@code global(} must not appear at all. */
    FORBIDDEN,
    /** {@code global()} may be the whole selector (spaces and tabs around it allowed), nothing more. */
    ONLY_ALONE,
    /** Not checked (Calico evaluates {@code global()} as true there). */
    UNCHECKED
  }

  private final SelectorSyntax syntax;

  SelectorChecker(SelectorSyntax syntax) {
    this.syntax = syntax;
  }

  /** Checks {@code selector} (null or empty means "not set" and is fine). */
  void check(String selector, GlobalUse use, ViolationCollector c) {
    if (selector == null || selector.isEmpty()) {
      return;
    }
    if (selector.length() > MAX_LENGTH) {
      c.add("is " + selector.length() + " characters long (at most " + MAX_LENGTH + ")");
      return;
    }
    if (use == GlobalUse.FORBIDDEN && selector.contains(GLOBAL)) {
      c.add(UserText.quoted(selector) + " uses global(), which is only allowed as the whole of a rule's"
          + " namespaceSelector (use all() to select everything)");
    } else if (use == GlobalUse.ONLY_ALONE && selector.contains(GLOBAL)
        && !trimSpacesAndTabs(selector).equals("global()")) {
      c.add(UserText.quoted(selector) + " combines global() with other terms (global() must be the whole"
          + " namespaceSelector)");
      return;
    }
    String problem = syntax.problem(selector);
    if (problem != null) {
      c.add(UserText.quoted(selector) + " is not a valid selector: " + UserText.escapeControls(problem));
    }
  }

  /** The selector tokenizer's whitespace is only space and tab. */
  private static String trimSpacesAndTabs(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }
}
