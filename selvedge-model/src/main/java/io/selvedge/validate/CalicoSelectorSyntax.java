package io.selvedge.validate;

import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;

/** Selector syntax as Calico's parser has it, through {@link Selector#parse}. */
final class CalicoSelectorSyntax implements SelectorSyntax {
  static final CalicoSelectorSyntax INSTANCE = new CalicoSelectorSyntax();

  private CalicoSelectorSyntax() {}

  @Override
  public String problem(String selector) {
    try {
      Selector.parse(selector);
      return null;
    } catch (SelectorParseException e) {
      // One line: the problem and its column (the exception's own message adds a caret block).
      return e.problem() + " at column " + e.column();
    }
  }
}
