package io.selvedge.validate;

/** Checks the syntax of one label selector. Implementations are stateless and thread-safe. */
@FunctionalInterface
interface SelectorSyntax {
  /** What is wrong with {@code selector}, or null when it is a valid selector. */
  String problem(String selector);
}
