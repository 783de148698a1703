package io.selvedge.selector;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A selector's per-label requirements (Calico's {@code LabelRestrictions()}, spec §2), for
 * indexing selectors by the labels they need: only labels with a requirement appear, so an
 * empty result (for {@code all()}, {@code a != "x"}, {@code a == "x" || b == "y"}, ...) means
 * "no known restriction", not "matches nothing".
 *
 * <p>Computed the way Calico computes it, which is deliberately shallow: {@code !} only
 * inverts {@code has()}; {@code &&} combines requirements and intersects value lists;
 * {@code ||} keeps a label only if every operand requires it and unions value lists.
 * Calico quirk kept: {@code a in {}} gives "present with any value" rather than "no value".
 *
 * <p>Immutable and thread-safe; labels iterate in byte order.
 */
public final class LabelRestrictions {

  /** No restriction on any label. */
  public static final LabelRestrictions NONE =
      new LabelRestrictions(new TreeMap<>(ValueSet.BYTE_ORDER));

  private final Map<String, LabelRestriction> byLabel;

  private LabelRestrictions(TreeMap<String, LabelRestriction> byLabel) {
    this.byLabel = Collections.unmodifiableMap(byLabel);
  }

  /** Computes the restrictions of a tree. O(size of the tree x labels it mentions). */
  public static LabelRestrictions of(Node root) {
    Map<String, LabelRestriction> computed = root.accept(new LabelRestrictionCalculator());
    if (computed.isEmpty()) {
      return NONE;
    }
    TreeMap<String, LabelRestriction> sorted = new TreeMap<>(ValueSet.BYTE_ORDER);
    sorted.putAll(computed);
    return new LabelRestrictions(sorted);
  }

  /** Label to restriction, for every label with a requirement; unmodifiable. */
  public Map<String, LabelRestriction> asMap() {
    return byLabel;
  }

  /** The restriction on one label, empty when the label is unrestricted. */
  public Optional<LabelRestriction> get(String label) {
    return Optional.ofNullable(byLabel.get(label));
  }

  public boolean isEmpty() {
    return byLabel.isEmpty();
  }

  /**
   * Whether the labels satisfy every restriction; {@code false} proves the selector does not
   * match them. O(number of restricted labels).
   */
  public boolean permits(Labels labels) {
    Objects.requireNonNull(labels, "labels");
    for (Map.Entry<String, LabelRestriction> e : byLabel.entrySet()) {
      if (!e.getValue().permits(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether some restriction can never be satisfied, so the selector matches nothing. */
  public boolean isUnsatisfiable() {
    for (LabelRestriction r : byLabel.values()) {
      if (r.isUnsatisfiable()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelRestrictions && ((LabelRestrictions) o).byLabel.equals(byLabel);
  }

  @Override
  public int hashCode() {
    return byLabel.hashCode();
  }

  @Override
  public String toString() {
    return byLabel.toString();
  }
}
