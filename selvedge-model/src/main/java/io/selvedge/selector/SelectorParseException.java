package io.selvedge.selector;

/**
 * A selector that is not valid Calico selector syntax. Carries the offending selector, the
 * 1-based column (counted in Unicode code points) where the problem was found, and a short
 * description of the problem. {@link #getMessage()} combines them with an echo of the selector
 * and a caret under the column:
 *
 * <pre>
 * invalid selector at column 6: expected == (a single "=" is not an operator)
 *   role = 'web'
 *        ^
 * </pre>
 *
 * <p>The echo escapes control characters ({@code \n}, {@code \x1b}, ...) so it is safe to print
 * and the caret stays aligned; long selectors are cut to a window around the column.
 */
public final class SelectorParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String selector;
  private final int column;
  private final String problem;

  /** {@code index} is the char offset of the problem ({@code selector.length()} = at the end). */
  SelectorParseException(String selector, int index, String problem) {
    super(message(selector, index, problem));
    this.selector = selector;
    this.column = selector.codePointCount(0, index) + 1;
    this.problem = problem;
  }

  /** The 1-based column of the problem, in code points; one past the end for "unexpected end". */
  public int column() {
    return column;
  }

  /** The selector text as given (not escaped, not shortened). */
  public String selector() {
    return selector;
  }

  /** What is wrong, without position or echo, e.g. {@code expected )}. */
  public String problem() {
    return problem;
  }

  private static String message(String selector, int index, String problem) {
    int column = selector.codePointCount(0, index) + 1;
    return "invalid selector at column " + column + ": " + problem + "\n"
        + SelectorEcho.caretBlock(selector, index);
  }
}
