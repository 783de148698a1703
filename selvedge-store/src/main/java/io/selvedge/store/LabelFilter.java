package io.selvedge.store;

import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.Map;

/**
 * The label selector of {@link Datastore#list}, parsed once with the project's
 * {@link Selector} (Calico's syntax and semantics) and evaluated on each stored resource's
 * labels, which backends keep beside the resource so non-matching ones are never decoded.
 * Immutable; thread-safe; matching costs what the selector costs per resource.
 */
public final class LabelFilter {
  private static final LabelFilter ALL = new LabelFilter(Selector.ALL);

  private final Selector selector;

  private LabelFilter(Selector selector) {
    this.selector = selector;
  }

  /**
   * Parses a selector; {@code null} or blank matches everything.
   *
   * @throws IllegalArgumentException if it does not parse: the message is the selector's own
   *     (column, caret under the problem), the cause the {@link SelectorParseException}
   */
  public static LabelFilter parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return ALL;
    }
    try {
      return new LabelFilter(Selector.parse(selector));
    } catch (SelectorParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public boolean matches(Map<String, String> labels) {
    return selector.matches(labels);
  }
}
