package io.selvedge.dataplane;

import java.util.Arrays;

/**
 * A set of 128-bit values (IP addresses in the engine's {@code Cidr} bit layout: IPv4 in the top
 * 32 bits of {@code hi}, {@code lo} zero) in open-addressing primitive arrays: about 40 bytes per
 * value at the worst load, no object per value, so a million-member IP set costs tens of MB
 * rather than hundreds. Add, remove and contains are O(1) expected; iteration is in slot order
 * (not sorted). Not thread-safe.
 */
final class AddressHashSet {

    private static final byte EMPTY = 0;
    private static final byte FULL = 1;
    private static final byte DELETED = 2;

    private long[] his;
    private long[] los;
    private byte[] state;
    private int size;
    private int used;   // FULL + DELETED slots

    AddressHashSet() {
        this(8);
    }

    AddressHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        his = new long[cap];
        los = new long[cap];
        state = new byte[cap];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long hi, long lo) {
        return find(hi, lo) >= 0;
    }

    /** Adds; false if it was there. */
    boolean add(long hi, long lo) {
        if ((used + 1) * 4L >= state.length * 3L) {
            rehash(size * 4 >= state.length ? state.length * 2 : state.length);
        }
        int mask = state.length - 1;
        int i = slot(hi, lo, mask);
        int tomb = -1;
        while (state[i] != EMPTY) {
            if (state[i] == FULL && his[i] == hi && los[i] == lo) {
                return false;
            }
            if (state[i] == DELETED && tomb < 0) {
                tomb = i;
            }
            i = (i + 1) & mask;
        }
        if (tomb >= 0) {
            i = tomb;
        } else {
            used++;
        }
        his[i] = hi;
        los[i] = lo;
        state[i] = FULL;
        size++;
        return true;
    }

    /** Removes; false if it was not there. */
    boolean remove(long hi, long lo) {
        int i = find(hi, lo);
        if (i < 0) {
            return false;
        }
        state[i] = DELETED;
        size--;
        return true;
    }

    void clear() {
        Arrays.fill(state, EMPTY);
        size = 0;
        used = 0;
    }

    void forEach(io.selvedge.nft.AddressVisitor v) {
        for (int i = 0; i < state.length; i++) {
            if (state[i] == FULL) {
                v.visit(his[i], los[i]);
            }
        }
    }

    private int find(long hi, long lo) {
        int mask = state.length - 1;
        int i = slot(hi, lo, mask);
        while (state[i] != EMPTY) {
            if (state[i] == FULL && his[i] == hi && los[i] == lo) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int slot(long hi, long lo, int mask) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void rehash(int capacity) {
        long[] oh = his;
        long[] ol = los;
        byte[] os = state;
        his = new long[capacity];
        los = new long[capacity];
        state = new byte[capacity];
        size = 0;
        used = 0;
        for (int i = 0; i < os.length; i++) {
            if (os[i] == FULL) {
                add(oh[i], ol[i]);
            }
        }
    }
}
