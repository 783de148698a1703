package io.selvedge.selector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of label values, de-duplicated and ordered the way Calico orders them: by
 * the bytes of their UTF-8 encoding (equivalently, by Unicode code point). That order is what
 * the canonical form prints.
 *
 * <p>{@link #contains(String)} is O(1); iteration is in byte order. Immutable and thread-safe.
 */
public final class ValueSet implements Iterable<String> {

  /** Orders strings by their UTF-8 bytes, which is code-point order (not UTF-16 order). */
  public static final Comparator<String> BYTE_ORDER = ValueSet::compareCodePoints;

  private static final ValueSet EMPTY = new ValueSet(List.of(), Set.of());

  private final List<String> sorted;
  private final Set<String> members;

  private ValueSet(List<String> sorted, Set<String> members) {
    this.sorted = sorted;
    this.members = members;
  }

  /** The empty set. */
  public static ValueSet of() {
    return EMPTY;
  }

  /** A set of the given values; duplicates are dropped. O(n log n). */
  public static ValueSet of(Collection<String> values) {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      return EMPTY;
    }
    Set<String> members = Set.copyOf(values); // rejects null elements
    List<String> sorted = new ArrayList<>(members);
    sorted.sort(BYTE_ORDER);
    return new ValueSet(List.copyOf(sorted), members);
  }

  /** A set of the given values; duplicates are dropped. */
  public static ValueSet of(String... values) {
    return of(List.of(values));
  }

  public boolean contains(String value) {
    return members.contains(value);
  }

  public int size() {
    return sorted.size();
  }

  public boolean isEmpty() {
    return sorted.isEmpty();
  }

  /** The members in byte order; unmodifiable. */
  public List<String> asList() {
    return sorted;
  }

  /** Members of both sets. */
  public ValueSet intersect(ValueSet other) {
    List<String> out = new ArrayList<>();
    for (String v : sorted) {
      if (other.contains(v)) {
        out.add(v);
      }
    }
    return out.size() == sorted.size() ? this : of(out);
  }

  /** Members of either set. */
  public ValueSet union(ValueSet other) {
    if (other.isEmpty()) {
      return this;
    }
    Set<String> all = new HashSet<>(members);
    all.addAll(other.members);
    return all.size() == sorted.size() ? this : of(all);
  }

  @Override
  public Iterator<String> iterator() {
    return sorted.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueSet && ((ValueSet) o).sorted.equals(sorted);
  }

  @Override
  public int hashCode() {
    return sorted.hashCode();
  }

  @Override
  public String toString() {
    return sorted.toString();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
