package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A position inside a document tree, rendered as {@code spec.ingress[0].protocol} or
 * {@code metadata.labels["app.kubernetes.io/name"]}. Each step remembers the container it
 * indexes so that {@link Locations} can find the line when a problem is reported. Immutable;
 * built while walking, rendered only when something is wrong.
 */
final class FieldPath {
  static final FieldPath ROOT = new FieldPath(null, null, -1, null);

  private final FieldPath parent;
  private final String key;
  private final int index;
  private final JsonNode container;

  private FieldPath(FieldPath parent, String key, int index, JsonNode container) {
    this.parent = parent;
    this.key = key;
    this.index = index;
    this.container = container;
  }

  FieldPath field(String name, JsonNode in) {
    return new FieldPath(this, name, -1, in);
  }

  FieldPath index(int i, JsonNode in) {
    return new FieldPath(this, null, i, in);
  }

  boolean isRoot() {
    return parent == null;
  }

  /** The last field name, or null when the last step is a list index or this is the root. */
  String lastKey() {
    return key;
  }

  JsonNode container() {
    return container;
  }

  int lastIndex() {
    return index;
  }

  @Override
  public String toString() {
    Deque<FieldPath> steps = new ArrayDeque<>();
    for (FieldPath p = this; p != null && p.parent != null; p = p.parent) {
      steps.push(p);
    }
    StringBuilder b = new StringBuilder();
    for (FieldPath p : steps) {
      if (p.key == null) {
        b.append('[').append(p.index).append(']');
      } else if (isSimpleKey(p.key)) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(p.key);
      } else {
        b.append("[\"").append(p.key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return b.toString();
  }

  private static boolean isSimpleKey(String k) {
    if (k.isEmpty()) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
