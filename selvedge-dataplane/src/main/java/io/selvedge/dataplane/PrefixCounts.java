package io.selvedge.dataplane;

import java.util.function.LongConsumer;

/**
 * Counts per 64-bit key (a prefix of at most 64 bits, as the high half of the engine's bits), in
 * open-addressing primitive arrays; a key whose count drops to 0 is gone. Used to know which
 * prefixes of a pivot length hold members longer than the pivot ({@link IpSetLayout.Gate})
 * without a pass over the members per change. O(1) expected per update. Not thread-safe.
 */
final class PrefixCounts {

    private static final byte EMPTY = 0;
    private static final byte FULL = 1;
    private static final byte DELETED = 2;

    private long[] keys = new long[16];
    private int[] counts = new int[16];
    private byte[] state = new byte[16];
    private int size;
    private int used;   // FULL + DELETED slots

    /** Keys with a positive count. */
    int size() {
        return size;
    }

    /** The count of {@code key}, 0 if absent. */
    int get(long key) {
        int i = find(key);
        return i < 0 ? 0 : counts[i];
    }

    /** Adds {@code delta} (may be negative) to the count of {@code key}; a count of 0 removes the key. */
    void add(long key, int delta) {
        int i = find(key);
        if (i >= 0) {
            counts[i] += delta;
            if (counts[i] == 0) {
                state[i] = DELETED;
                size--;
            }
            return;
        }
        if (delta == 0) {
            return;
        }
        if ((used + 1) * 4L >= state.length * 3L) {
            rehash(size * 4 >= state.length ? state.length * 2 : state.length);
        }
        int mask = state.length - 1;
        int j = slot(key, mask);
        while (state[j] == FULL) {
            j = (j + 1) & mask;
        }
        if (state[j] == EMPTY) {
            used++;
        }
        keys[j] = key;
        counts[j] = delta;
        state[j] = FULL;
        size++;
    }

    /** Each key with a non-zero count, in slot order. */
    void forEachKey(LongConsumer c) {
        for (int i = 0; i < state.length; i++) {
            if (state[i] == FULL) {
                c.accept(keys[i]);
            }
        }
    }

    private int find(long key) {
        int mask = state.length - 1;
        int i = slot(key, mask);
        while (state[i] != EMPTY) {
            if (state[i] == FULL && keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void rehash(int capacity) {
        long[] ok = keys;
        int[] oc = counts;
        byte[] os = state;
        keys = new long[capacity];
        counts = new int[capacity];
        state = new byte[capacity];
        size = 0;
        used = 0;
        for (int i = 0; i < os.length; i++) {
            if (os[i] == FULL) {
                add(ok[i], oc[i]);
            }
        }
    }
}
