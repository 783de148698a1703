package io.selvedge.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant immutable copies for record compact constructors: absent becomes empty. */
final class Immutable {
  private Immutable() {}

  static <T> List<T> list(List<T> in) {
    return in == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(in));
  }

  /** Keeps insertion order (the order the user wrote) for stable output; never null. */
  static <K, V> Map<K, V> map(Map<K, V> in) {
    return in == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(in));
  }
}
