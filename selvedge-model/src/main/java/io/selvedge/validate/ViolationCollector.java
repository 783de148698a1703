package io.selvedge.validate;

import io.selvedge.model.UserText;
import java.util.List;

/**
 * Collects violations while a validator walks a resource, carrying the current field path.
 * Children ({@link #field}, {@link #index}, {@link #key}) are cheap: the path text is only built
 * when a violation is added, so walking a million list entries allocates no strings.
 *
 * <p>Not thread-safe; one collector tree per validation.
 */
final class ViolationCollector {
  private final List<Violation> sink;
  private final ViolationCollector parent;
  private final String name;
  private final int index;
  private final boolean mapKey;

  private ViolationCollector(List<Violation> sink, ViolationCollector parent, String name, int index, boolean mapKey) {
    this.sink = sink;
    this.parent = parent;
    this.name = name;
    this.index = index;
    this.mapKey = mapKey;
  }

  /** A root collector writing into {@code sink}; its path is empty. */
  static ViolationCollector root(List<Violation> sink) {
    return new ViolationCollector(sink, null, null, -1, false);
  }

  /** The collector for field {@code name} below this one. */
  ViolationCollector field(String fieldName) {
    return new ViolationCollector(sink, this, fieldName, -1, false);
  }

  /** The collector for list element {@code i} of this field. */
  ViolationCollector index(int i) {
    return new ViolationCollector(sink, this, null, i, false);
  }

  /** The collector for map entry {@code key} of this field. */
  ViolationCollector key(String key) {
    return new ViolationCollector(sink, this, key, -1, true);
  }

  /** Records a violation at this path. */
  void add(String message) {
    sink.add(new Violation(path(), message));
  }

  /** Records a violation at list element {@code i} below this path, without a child collector. */
  void addAt(int i, String message) {
    sink.add(new Violation(path() + "[" + i + "]", message));
  }

  String path() {
    StringBuilder b = new StringBuilder();
    appendPath(b);
    return b.length() == 0 ? "(resource)" : b.toString();
  }

  private void appendPath(StringBuilder b) {
    if (parent == null) {
      return;
    }
    parent.appendPath(b);
    if (mapKey) {
      b.append('[').append(UserText.quoted(name)).append(']');
    } else if (name != null) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(name);
    } else {
      b.append('[').append(index).append(']');
    }
  }
}
