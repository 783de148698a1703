package io.selvedge.selector;

import java.util.Map;
import java.util.Objects;

/**
 * The labels a selector is evaluated against, looked up one key at a time so that callers can
 * compute effective labels (own labels, then profile labels) without building a map.
 *
 * <p>Implementations must be safe to call from the evaluating thread; the selector never keeps
 * a reference after {@link Selector#matches(Labels)} returns.
 */
@FunctionalInterface
public interface Labels {

  /**
   * Returns the value of the label, or {@code null} when the label is absent. An empty string is
   * a present label.
   */
  String get(String key);

  /**
   * Views a map as labels. A key mapped to {@code null} counts as absent. The map is not copied.
   */
  static Labels of(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    return labels::get;
  }
}
