package io.selvedge.selector;

import java.util.Objects;

/**
 * What a selector requires of one label for it to possibly match (Calico's
 * {@code LabelRestriction}). A summary for indexing, not an exact condition: a selector can
 * fail to match labels that satisfy every restriction, but never matches labels that violate
 * one.
 *
 * @param mustBePresent the label must be present ({@code has(a)}, {@code a == "v"}, ...)
 * @param mustBeAbsent the label must be absent ({@code !has(a)}); both flags set means the
 *     selector cannot match
 * @param mustHaveOneOfValues {@code null} when any value is allowed; otherwise the label must
 *     have one of these values, and an empty set means no value can match (for example
 *     {@code a == "x" && a == "y"})
 *
 * <p>Immutable and thread-safe; {@link #permits(String)} is O(1).
 */
public record LabelRestriction(
    boolean mustBePresent, boolean mustBeAbsent, ValueSet mustHaveOneOfValues) {

  /** Present with any value. */
  public static final LabelRestriction PRESENT = new LabelRestriction(true, false, null);
  /** Absent. */
  public static final LabelRestriction ABSENT = new LabelRestriction(false, true, null);
  /** No requirement; never stored in {@link LabelRestrictions}. */
  static final LabelRestriction NONE = new LabelRestriction(false, false, null);

  /** Present with one of the values. */
  public static LabelRestriction oneOf(ValueSet values) {
    return new LabelRestriction(true, false, Objects.requireNonNull(values, "values"));
  }

  /** Whether a label with this value ({@code null} = absent) satisfies the restriction. */
  public boolean permits(String value) {
    if (value == null) {
      return !mustBePresent;
    }
    return !mustBeAbsent && (mustHaveOneOfValues == null || mustHaveOneOfValues.contains(value));
  }

  /** Whether no label state can satisfy this restriction. */
  public boolean isUnsatisfiable() {
    return (mustBePresent && mustBeAbsent)
        || (mustHaveOneOfValues != null && mustHaveOneOfValues.isEmpty());
  }
}
