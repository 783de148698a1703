package io.selvedge.engine.index;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import java.util.Arrays;

/**
 * The members of one IP set in one family: a multiset of prefixes (each present prefix has a
 * reference count, because several endpoints or network sets may contribute the same one)
 * that reports its <em>covering</em> members — present prefixes not inside another present
 * prefix. Those are what an nft interval set may hold: they never overlap. Adding 10.0.0.0/8
 * hides a present 10.1.2.3/32 (reported as removed); removing the /8 brings it back (reported
 * as added). A {@code /0} is not special here; callers split it into two {@code /1}s, as
 * Calico does (spec G23).
 *
 * <p>Structure: a path-compressed binary trie over the {@link Cidr} 128-bit layout, with nodes
 * in parallel primitive arrays (no object per prefix; about 21 bytes per node for IPv4, 29 for
 * IPv6, at most two nodes per distinct prefix). A node is either a present prefix (count &gt; 0)
 * or a branch point with two children.
 *
 * <p>Complexity: {@link #add}/{@link #remove} walk one root-to-node path, O(prefix length),
 * plus O(k) for the k covering members that the change hides or uncovers (each reported once;
 * that work is inherent). {@link #snapshot} is O(n). Memory is O(distinct prefixes).
 *
 * <p>The neighbour {@link IpSetIndex} decides which prefixes go in (from endpoints and network
 * sets matching a selector); this class only does the set algebra. Not thread-safe: the
 * calculation graph is single-threaded.
 */
public final class CidrTrie {
  private static final int NIL = -1;
  private static final int MAX_DEPTH = 130;

  private final IpFamily family;
  private long[] hi;
  private long[] lo; // null for IPv4
  private byte[] len;
  private int[] left;
  private int[] right;
  private int[] count;
  private int root = NIL;
  private int nodes; // high-water mark of allocated slots
  private int freeList = NIL; // chained through left[]
  private int distinct; // prefixes with count > 0
  private int covering; // covering members
  private final int[] path = new int[MAX_DEPTH];
  private final int[] stack = new int[MAX_DEPTH * 2];

  public CidrTrie(IpFamily family) {
    this.family = family;
    int cap = 8;
    hi = new long[cap];
    lo = family == IpFamily.V6 ? new long[cap] : null;
    len = new byte[cap];
    left = new int[cap];
    right = new int[cap];
    count = new int[cap];
  }

  public IpFamily family() {
    return family;
  }

  /** Number of distinct present prefixes. */
  public int distinctSize() {
    return distinct;
  }

  /** Number of covering members. */
  public int coveringSize() {
    return covering;
  }

  public boolean isEmpty() {
    return distinct == 0;
  }

  public void add(Cidr c, CoveringListener listener) {
    checkFamily(c);
    add(c.hi(), c.lo(), c.length(), listener);
  }

  public void remove(Cidr c, CoveringListener listener) {
    checkFamily(c);
    remove(c.hi(), c.lo(), c.length(), listener);
  }

  private void checkFamily(Cidr c) {
    if (c.family() != family) {
      throw new IllegalArgumentException(c + " is not " + family);
    }
  }

  /**
   * Adds one reference to every prefix of this trie's family in {@code cidrs}, with the same
   * result and the same reports as {@link #add} of each in turn. An empty trie — a set activated
   * with a network set of a million CIDRs — is built in one pass over the sorted prefixes
   * (amortised O(1) each: the path from the root is kept, not walked again); otherwise the
   * prefixes are added one by one.
   */
  public void addAll(PackedCidrs cidrs, CoveringListener listener) {
    reserve(cidrs.size(family));
    if (root == NIL) {
      cidrs.forEach(family, new SortedLoader(listener));
    } else {
      cidrs.forEach(family, (f, h, l, n) -> add(h, l, n, listener));
    }
  }

  /**
   * Builds the trie from prefixes arriving in {@link Cidr} order (address, then shorter first:
   * a prefix comes right before those it contains), keeping the path from the root to the last
   * one (the right spine). A new prefix hangs below the deepest spine node that contains it,
   * beside the spine node it branches off from, or is a duplicate of the spine's end. Since
   * containing prefixes come first, nothing present is ever hidden afterwards: the new prefix is
   * covering unless a present node on the spine contains it.
   */
  private final class SortedLoader implements PackedCidrs.Sink {
    private final CoveringListener listener;
    private final int[] spine = new int[MAX_DEPTH];
    private int depth;
    private int presentOnSpine;

    SortedLoader(CoveringListener listener) {
      this.listener = listener;
    }

    @Override
    public void accept(IpFamily f, long kHi, long kLo, int kLen) {
      if (family == IpFamily.V4) {
        kLo = 0;
      }
      int popped = NIL; // the highest spine node that does not contain the prefix
      while (depth > 0 && !containsPrefix(spine[depth - 1], kHi, kLo, kLen)) {
        popped = spine[--depth];
        if (count[popped] > 0) {
          presentOnSpine--;
        }
      }
      int top = depth > 0 ? spine[depth - 1] : NIL;
      if (top != NIL && (len[top] & 0xFF) == kLen) {
        if (count[top] == 0) {
          throw new IllegalArgumentException("prefixes not sorted at " + new Cidr(family, kHi, kLo, kLen));
        }
        count[top]++; // another reference to the prefix just added
        return;
      }
      boolean covered = presentOnSpine > 0;
      int leaf = newNode(kHi, kLo, kLen, 1);
      if (popped == NIL && top == NIL) {
        root = leaf;
      } else if (popped == NIL) {
        // top is the previous prefix (the spine's end, a leaf): the new one goes below it.
        hangBelow(top, leaf);
      } else {
        int cpl = commonPrefix(kHi, kLo, hi[popped], loOf(popped), Math.min(kLen, len[popped] & 0xFF));
        if (top != NIL && cpl == (len[top] & 0xFF)) {
          // Beside popped, on top's free side (top is present, with popped as its only child).
          hangBelow(top, leaf);
        } else {
          int branch = newNode(kHi & Cidr.maskHi(cpl), kLo & Cidr.maskLo(cpl), cpl, 0);
          setChild(branch, leaf, bit(kHi, kLo, cpl));
          setChild(branch, popped, bit(hi[popped], loOf(popped), cpl));
          replaceChild(top, popped, branch);
          spine[depth++] = branch;
        }
      }
      spine[depth++] = leaf;
      presentOnSpine++;
      distinct++;
      if (!covered) {
        covering++;
        listener.added(kHi, kLo, kLen);
      }
    }

    private void hangBelow(int parent, int leaf) {
      boolean right = bit(hi[leaf], loOf(leaf), len[parent] & 0xFF);
      if ((right ? CidrTrie.this.right[parent] : left[parent]) != NIL) {
        throw new IllegalArgumentException("prefixes not sorted at " + new Cidr(family, hi[leaf], loOf(leaf),
            len[leaf] & 0xFF));
      }
      setChild(parent, leaf, right);
    }

    private boolean containsPrefix(int node, long kHi, long kLo, int kLen) {
      int nLen = len[node] & 0xFF;
      return nLen <= kLen && commonPrefix(kHi, kLo, hi[node], loOf(node), nLen) == nLen;
    }
  }

  /**
   * Makes room for {@code prefixes} more prefixes (at most two nodes each) in one allocation,
   * instead of growing the node arrays step by step while a set of a million members is added:
   * that copied ~120 MB during a cold start.
   */
  public void reserve(int prefixes) {
    long needed = (long) nodes + 2L * prefixes;
    if (needed > hi.length) {
      // At least the usual growth step, so that many small reservations stay amortised O(1).
      resize((int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, grownCapacity())));
    }
  }

  /**
   * Adds one reference to the prefix (host bits must already be clear). Reports covering
   * changes: the prefix itself if it becomes covering, and every covering member it hides.
   */
  public void add(long kHi, long kLo, int kLen, CoveringListener listener) {
    if (family == IpFamily.V4) {
      kLo = 0;
    }
    if (root == NIL) {
      root = newNode(kHi, kLo, kLen, 1);
      distinct++;
      covering++;
      listener.added(kHi, kLo, kLen);
      return;
    }
    boolean covered = false;
    int parent = NIL;
    int node = root;
    while (true) {
      int nLen = len[node] & 0xFF;
      int cpl = commonPrefix(kHi, kLo, hi[node], loOf(node), Math.min(kLen, nLen));
      if (cpl == nLen && nLen == kLen) {
        // The prefix is already a node.
        if (count[node]++ == 0) {
          distinct++;
          if (!covered) {
            hideBelow(node, listener);
            covering++;
            listener.added(kHi, kLo, kLen);
          }
        }
        return;
      }
      if (cpl == nLen) {
        // node is a proper ancestor of the prefix: descend.
        covered |= count[node] > 0;
        boolean goRight = bit(kHi, kLo, nLen);
        int child = goRight ? right[node] : left[node];
        if (child == NIL) {
          int leaf = newNode(kHi, kLo, kLen, 1);
          if (goRight) {
            right[node] = leaf;
          } else {
            left[node] = leaf;
          }
          distinct++;
          if (!covered) {
            covering++;
            listener.added(kHi, kLo, kLen);
          }
          return;
        }
        parent = node;
        node = child;
        continue;
      }
      int created;
      if (cpl == kLen) {
        // The prefix is a proper ancestor of node: insert it above node.
        created = newNode(kHi, kLo, kLen, 1);
        setChild(created, node, bit(hi[node], loOf(node), kLen));
        distinct++;
        if (!covered) {
          hideBelow(created, listener);
          covering++;
          listener.added(kHi, kLo, kLen);
        }
      } else {
        // They diverge at bit cpl: a new branch with node and a new leaf as children.
        created = newNode(kHi & Cidr.maskHi(cpl), kLo & Cidr.maskLo(cpl), cpl, 0);
        int leaf = newNode(kHi, kLo, kLen, 1);
        boolean leafRight = bit(kHi, kLo, cpl);
        setChild(created, leaf, leafRight);
        setChild(created, node, !leafRight);
        distinct++;
        if (!covered) {
          covering++;
          listener.added(kHi, kLo, kLen);
        }
      }
      replaceChild(parent, node, created);
      return;
    }
  }

  /**
   * Removes one reference to the prefix; a prefix that is not present is an error (reference
   * counting is the caller's contract). Reports the prefix as removed if it was covering, and
   * every member it uncovers as added.
   */
  public void remove(long kHi, long kLo, int kLen, CoveringListener listener) {
    if (family == IpFamily.V4) {
      kLo = 0;
    }
    int depth = 0;
    boolean covered = false;
    int node = root;
    while (node != NIL) {
      int nLen = len[node] & 0xFF;
      if (nLen > kLen || commonPrefix(kHi, kLo, hi[node], loOf(node), nLen) != nLen) {
        break;
      }
      path[depth++] = node;
      if (nLen == kLen) {
        break;
      }
      covered |= count[node] > 0;
      node = bit(kHi, kLo, nLen) ? right[node] : left[node];
    }
    if (depth == 0 || (len[path[depth - 1]] & 0xFF) != kLen || count[path[depth - 1]] == 0) {
      throw new IllegalStateException("removing absent member " + new Cidr(family, kHi, kLo, kLen));
    }
    node = path[depth - 1];
    if (--count[node] > 0) {
      return;
    }
    distinct--;
    if (!covered) {
      covering--;
      listener.removed(kHi, kLo, kLen);
      uncoverBelow(node, listener);
    }
    prune(depth);
  }

  /** Reference count of a prefix (0 when absent). O(prefix length). */
  public int count(Cidr c) {
    int node = root;
    while (node != NIL) {
      int nLen = len[node] & 0xFF;
      if (nLen > c.length() || commonPrefix(c.hi(), c.lo(), hi[node], loOf(node), nLen) != nLen) {
        return 0;
      }
      if (nLen == c.length()) {
        return count[node];
      }
      node = bit(c.hi(), c.lo(), nLen) ? right[node] : left[node];
    }
    return 0;
  }

  /** The covering members in address order. O(n). */
  public DisjointCidrs snapshot() {
    DisjointCidrs.Builder b = new DisjointCidrs.Builder(family, covering);
    forEachCovering(root, (h, l, n) -> b.add(h, l, n));
    return b.build();
  }

  /** Calls {@code listener.added} for every covering member, in address order. */
  public void forEachCovering(CoveringListener listener) {
    forEachCovering(root, (h, l, n) -> listener.added(h, l, n));
  }

  private interface PrefixSink {
    void accept(long hi, long lo, int len);
  }

  /** Pre-order walk of node's subtree, stopping at present prefixes (the covering ones). */
  private void forEachCovering(int start, PrefixSink sink) {
    if (start == NIL) {
      return;
    }
    int sp = 0;
    stack[sp++] = start;
    while (sp > 0) {
      int n = stack[--sp];
      if (count[n] > 0) {
        sink.accept(hi[n], loOf(n), len[n] & 0xFF);
        continue;
      }
      // Push right first so that left (lower addresses) is visited first.
      if (right[n] != NIL) {
        stack[sp++] = right[n];
      }
      if (left[n] != NIL) {
        stack[sp++] = left[n];
      }
    }
  }

  /** The covering members strictly below node become hidden by node. */
  private void hideBelow(int node, CoveringListener listener) {
    if (left[node] != NIL) {
      forEachCovering(left[node], (h, l, n) -> {
        covering--;
        listener.removed(h, l, n);
      });
    }
    if (right[node] != NIL) {
      forEachCovering(right[node], (h, l, n) -> {
        covering--;
        listener.removed(h, l, n);
      });
    }
  }

  /** node stopped covering: its topmost present descendants become covering. */
  private void uncoverBelow(int node, CoveringListener listener) {
    if (left[node] != NIL) {
      forEachCovering(left[node], (h, l, n) -> {
        covering++;
        listener.added(h, l, n);
      });
    }
    if (right[node] != NIL) {
      forEachCovering(right[node], (h, l, n) -> {
        covering++;
        listener.added(h, l, n);
      });
    }
  }

  /** Restores the invariant (non-present nodes have two children) along path[0..depth). */
  private void prune(int depth) {
    for (int i = depth - 1; i >= 0; i--) {
      int n = path[i];
      if (count[n] > 0) {
        return;
      }
      int parent = i > 0 ? path[i - 1] : NIL;
      boolean hasL = left[n] != NIL;
      boolean hasR = right[n] != NIL;
      if (hasL && hasR) {
        return;
      }
      int child = hasL ? left[n] : hasR ? right[n] : NIL;
      replaceChild(parent, n, child);
      freeNode(n);
      if (child != NIL) {
        return; // the parent keeps the same number of children
      }
    }
  }

  private void setChild(int parent, int child, boolean asRight) {
    if (asRight) {
      right[parent] = child;
    } else {
      left[parent] = child;
    }
  }

  private void replaceChild(int parent, int old, int replacement) {
    if (parent == NIL) {
      root = replacement;
    } else if (left[parent] == old) {
      left[parent] = replacement;
    } else {
      right[parent] = replacement;
    }
  }

  private long loOf(int node) {
    return lo == null ? 0 : lo[node];
  }

  private int newNode(long h, long l, int length, int c) {
    int n;
    if (freeList != NIL) {
      n = freeList;
      freeList = left[n];
    } else {
      if (nodes == hi.length) {
        grow();
      }
      n = nodes++;
    }
    hi[n] = h;
    if (lo != null) {
      lo[n] = l;
    }
    len[n] = (byte) length;
    left[n] = NIL;
    right[n] = NIL;
    count[n] = c;
    return n;
  }

  private void freeNode(int n) {
    count[n] = 0;
    right[n] = NIL;
    left[n] = freeList;
    freeList = n;
  }

  private void grow() {
    resize(grownCapacity());
  }

  private int grownCapacity() {
    return hi.length + (hi.length >> 1) + 8;
  }

  private void resize(int cap) {
    hi = Arrays.copyOf(hi, cap);
    if (lo != null) {
      lo = Arrays.copyOf(lo, cap);
    }
    len = Arrays.copyOf(len, cap);
    left = Arrays.copyOf(left, cap);
    right = Arrays.copyOf(right, cap);
    count = Arrays.copyOf(count, cap);
  }

  /** Bit i (0 = most significant) of a 128-bit value. */
  static boolean bit(long h, long l, int i) {
    return i < 64 ? (h >>> (63 - i) & 1) != 0 : (l >>> (127 - i) & 1) != 0;
  }

  /** Length of the common leading bits of two 128-bit values, capped at max. */
  static int commonPrefix(long aHi, long aLo, long bHi, long bLo, int max) {
    long x = aHi ^ bHi;
    int n = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(aLo ^ bLo);
    return Math.min(n, max);
  }
}
