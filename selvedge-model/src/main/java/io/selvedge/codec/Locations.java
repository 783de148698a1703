package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Source lines of the containers of one parsed document, kept beside the tree because
 * {@link JsonNode} has no room for them. For an object the entry holds its own line and then
 * the line of each key in field order; for an array its own line and then each element's.
 * Lookups happen only when a problem is reported. Not thread-safe; one per document.
 */
final class Locations {
  static final Locations NONE = new Locations();

  private final Map<JsonNode, int[]> lines = new IdentityHashMap<>();

  void put(JsonNode container, int[] containerThenChildLines) {
    if (this != NONE) {
      lines.put(container, containerThenChildLines);
    }
  }

  /** 1-based line of the given step, 0 when unknown. */
  int lineOf(FieldPath p) {
    if (p == null || p.isRoot()) {
      return 0;
    }
    JsonNode c = p.container();
    int[] l = c == null ? null : lines.get(c);
    if (l == null) {
      return 0;
    }
    int child;
    if (p.lastKey() == null) {
      child = p.lastIndex();
    } else {
      child = indexOfKey(c, p.lastKey());
    }
    if (child < 0 || child + 1 >= l.length) {
      return l[0];
    }
    return l[child + 1];
  }

  private static int indexOfKey(JsonNode object, String key) {
    int i = 0;
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
      if (it.next().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
