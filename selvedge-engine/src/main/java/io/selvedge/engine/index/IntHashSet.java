package io.selvedge.engine.index;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.NoSuchElementException;

/**
 * A set of non-negative ints — the dense slot numbers {@link LabelIndex} gives its items and
 * selectors — in one int array: open addressing, linear probing, deletion by backward shift (no
 * tombstones). About 5–10 bytes per element and no object per element, where a {@code HashSet}
 * spends a 32-byte node plus its table slot: the cold start's 1.2 million endpoint-policy
 * matches are kept in both directions, and as objects they were a third of the graph's heap and
 * most of the garbage collector's work.
 *
 * <p>Iteration ({@link #iteration}, {@link #toArray}) is in table order: deterministic for the
 * same operations, not sorted. add/remove/contains are O(1) expected. Not thread-safe.
 */
final class IntHashSet {
  private static final int[] NONE = new int[0];
  private static final int MIN_CAPACITY = 4;

  /** element + 1, or 0 for a free cell; the length is 0 or a power of two. */
  private int[] table = NONE;
  /** 32 - log2(table.length): {@link #home} keeps the product's top bits. */
  private int shift = 32;
  private int size;
  private int modCount;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(int value) {
    if (size == 0) {
      return false;
    }
    int mask = table.length - 1;
    int stored = value + 1;
    for (int i = home(value); ; i = (i + 1) & mask) {
      int t = table[i];
      if (t == stored) {
        return true;
      }
      if (t == 0) {
        return false;
      }
    }
  }

  /** Adds the value; false if it was already there. */
  boolean add(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative " + value);
    }
    if ((size + 1) * 3 > table.length * 2) {
      resize(Math.max(MIN_CAPACITY, table.length * 2));
    }
    int mask = table.length - 1;
    int stored = value + 1;
    int i = home(value);
    for (int t = table[i]; t != 0; t = table[i]) {
      if (t == stored) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = stored;
    size++;
    modCount++;
    return true;
  }

  /** Removes the value; false if it was not there. */
  boolean remove(int value) {
    if (size == 0) {
      return false;
    }
    int mask = table.length - 1;
    int stored = value + 1;
    int i = home(value);
    for (int t = table[i]; t != stored; t = table[i]) {
      if (t == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward shift: move later members of the probe run into the hole when their home
    // position allows it, so that lookups never stop early at a free cell.
    int hole = i;
    for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int h = home(table[j] - 1);
      boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
      if (movable) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = 0;
    size--;
    modCount++;
    if (size == 0) {
      table = NONE;
      shift = 32;
    }
    return true;
  }

  void clear() {
    table = NONE;
    shift = 32;
    size = 0;
    modCount++;
  }

  /** The elements, in iteration order. */
  int[] toArray() {
    int[] out = new int[size];
    int n = 0;
    for (int t : table) {
      if (t != 0) {
        out[n++] = t - 1;
      }
    }
    return out;
  }

  /** An iteration over the elements that fails fast if the set changes. */
  Iteration iteration() {
    return new Iteration();
  }

  /** A primitive iterator (no boxing). */
  final class Iteration {
    private final int expectedModCount = modCount;
    private int position = advance(0);

    boolean hasNext() {
      return position < table.length;
    }

    int next() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      if (position >= table.length) {
        throw new NoSuchElementException();
      }
      int value = table[position] - 1;
      position = advance(position + 1);
      return value;
    }

    private int advance(int from) {
      int[] t = table;
      while (from < t.length && t[from] == 0) {
        from++;
      }
      return from;
    }
  }

  private void resize(int capacity) {
    int[] old = table;
    table = new int[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    int mask = capacity - 1;
    for (int t : old) {
      if (t != 0) {
        int i = home(t - 1);
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = t;
      }
    }
  }

  /** Fibonacci hashing: spreads dense small ints over the table. */
  private int home(int value) {
    return (value * 0x9E3779B9) >>> shift;
  }

  @Override
  public String toString() {
    int[] a = toArray();
    Arrays.sort(a);
    return Arrays.toString(a);
  }
}
