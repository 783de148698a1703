package io.selvedge.engine.index;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.NoSuchElementException;

/**
 * A set of non-negative ints — the dense slot numbers {@link LabelIndex} gives its items and
 * selectors — with no object per element, where a {@code HashSet} spends a 32-byte node plus
 * its table slot: the cold start's 1.2 million endpoint-policy matches are kept in both
 * directions, and as objects they were a third of the graph's heap and most of the garbage
 * collector's work. Two layouts:
 *
 * <ul>
 *   <li>sparse: one int array, open addressing, linear probing, deletion by backward shift (no
 *       tombstones); about 5–10 bytes per element;
 *   <li>dense: a bitset over 0..max, taken once the set holds at least one element in 32 of
 *       that range (then no bigger than the table). A policy selecting thousands of the node's
 *       endpoints gets them as they arrive, in increasing slots: in a bitset consecutive
 *       additions hit the same cache line, where hashing sent each one to a random line.
 * </ul>
 *
 * <p>Iteration ({@link #iteration}, {@link #toArray}) is in table or bit order: deterministic
 * for the same operations, not sorted in general. add/remove/contains are O(1) expected. Not
 * thread-safe.
 */
final class IntHashSet {
  private static final int[] NONE = new int[0];
  private static final int MIN_CAPACITY = 4;
  /** Below this size a set stays sparse (its table is small anyway). */
  private static final int DENSE_MIN_SIZE = 64;
  /** A set turns dense when it holds at least one element in this many of 0..max. */
  private static final int DENSE_RATIO = 32;

  /** Sparse layout: element + 1, or 0 for a free cell; the length is 0 or a power of two. */
  private int[] table = NONE;
  /** 32 - log2(table.length): {@link #home} keeps the product's top bits. */
  private int shift = 32;
  /** Dense layout when not null: bit v set for element v. */
  private long[] bits;
  /** Largest element ever added since the set was last empty (an upper bound). */
  private int max = -1;
  private int size;
  private int modCount;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(int value) {
    if (size == 0 || value < 0) {
      return false;
    }
    if (bits != null) {
      int w = value >>> 6;
      return w < bits.length && (bits[w] & (1L << value)) != 0;
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
    max = Math.max(max, value);
    if (bits == null && size + 1 >= DENSE_MIN_SIZE && (long) (size + 1) * DENSE_RATIO > max) {
      toDense();
    }
    if (bits != null) {
      int w = value >>> 6;
      if (w >= bits.length) {
        bits = Arrays.copyOf(bits, Math.max(w + 1, bits.length * 2));
      }
      long bit = 1L << value;
      if ((bits[w] & bit) != 0) {
        return false;
      }
      bits[w] |= bit;
      size++;
      modCount++;
      return true;
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
    if (!contains(value)) {
      return false;
    }
    if (bits != null) {
      bits[value >>> 6] &= ~(1L << value);
    } else {
      removeFromTable(value);
    }
    size--;
    modCount++;
    if (size == 0) {
      clear();
    }
    return true;
  }

  private void removeFromTable(int value) {
    int mask = table.length - 1;
    int stored = value + 1;
    int i = home(value);
    while (table[i] != stored) {
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
  }

  void clear() {
    table = NONE;
    shift = 32;
    bits = null;
    max = -1;
    size = 0;
    modCount++;
  }

  /** The elements, in iteration order. */
  int[] toArray() {
    int[] out = new int[size];
    int n = 0;
    for (Iteration it = iteration(); it.hasNext(); ) {
      out[n++] = it.next();
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
    /** Sparse: the next table index holding an element; dense: the next element. */
    private int position = advance(0);

    boolean hasNext() {
      return position < limit();
    }

    int next() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      if (position >= limit()) {
        throw new NoSuchElementException();
      }
      int value = bits != null ? position : table[position] - 1;
      position = advance(position + 1);
      return value;
    }

    private int limit() {
      return bits != null ? bits.length << 6 : table.length;
    }

    private int advance(int from) {
      if (bits != null) {
        int w = from >>> 6;
        if (w >= bits.length) {
          return bits.length << 6;
        }
        long word = bits[w] & (-1L << from); // bits at or above 'from' in its word
        while (word == 0) {
          if (++w == bits.length) {
            return bits.length << 6;
          }
          word = bits[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      int[] t = table;
      while (from < t.length && t[from] == 0) {
        from++;
      }
      return from;
    }
  }

  private void toDense() {
    long[] b = new long[(max >>> 6) + 1];
    for (int t : table) {
      if (t != 0) {
        b[(t - 1) >>> 6] |= 1L << (t - 1);
      }
    }
    bits = b;
    table = NONE;
    shift = 32;
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
