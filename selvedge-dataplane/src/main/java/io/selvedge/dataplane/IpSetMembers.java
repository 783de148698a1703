package io.selvedge.dataplane;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.NamedPortMember;
import java.util.List;

/**
 * The members of one IP set as the dataplane holds them: a selector set's prefixes grouped by
 * prefix length (one {@link AddressHashSet} of network addresses per length), or a named-port
 * set's members; plus the changes since the last {@link #commit()} (members added and removed
 * per length, net of each other), which is what lets the syncer send element deltas without
 * reading sets back or keeping a copy of what it programmed.
 *
 * <p>{@link #isReset()} means the change log does not describe the way from what was programmed
 * to now (the store is new, or the set changed type): sets built from it must be reloaded whole.
 *
 * <p>Members are overlap-free ({@link DisjointCidrs}, the engine's invariant), so every element
 * a layout derives from them is produced by exactly one member and needs no reference count.
 *
 * <p>Cost: add/remove O(1); {@link #replace} O(size). Not thread-safe (the syncer's thread).
 */
final class IpSetMembers {

    private final IpSetKey key;
    private final int bits;
    private IpSet.Type type;
    private final AddressHashSet[] current;
    private final AddressHashSet[] added;
    private final AddressHashSet[] removed;
    private List<NamedPortMember> namedPorts = List.of();
    /** {@link #longerThan} of {@link #longerPivot}, or null before the first call. */
    private PrefixCounts longer;
    private int longerPivot = -1;
    private IpSet source;
    private boolean reset = true;

    private IpSetMembers(IpSetKey key) {
        this.key = key;
        this.bits = key.family().bits();
        this.current = new AddressHashSet[bits + 1];
        this.added = new AddressHashSet[bits + 1];
        this.removed = new AddressHashSet[bits + 1];
    }

    /** A new store holding {@code set} (reset: nothing of it is programmed). */
    static IpSetMembers of(IpSet set) {
        IpSetMembers m = new IpSetMembers(set.key());
        m.type = set.type();
        m.fill(set);
        return m;
    }

    IpSetKey key() {
        return key;
    }

    IpSet.Type type() {
        return type;
    }

    /** The named-port members (empty for selector sets). */
    List<NamedPortMember> namedPorts() {
        return namedPorts;
    }

    /** Members of a selector set with this prefix length. */
    long count(int length) {
        AddressHashSet s = current[length];
        return s == null ? 0 : s.size();
    }

    /** Member counts indexed by prefix length (0..32 or 0..128). */
    long[] histogram() {
        long[] h = new long[bits + 1];
        for (int l = 0; l <= bits; l++) {
            h[l] = count(l);
        }
        return h;
    }

    /**
     * Member counts per prefix length as of the last {@link #commit()} (what was programmed):
     * the current counts with the change log undone. Only meaningful when not {@link #isReset()}.
     */
    long[] committedHistogram() {
        long[] h = histogram();
        for (int l = 0; l <= bits; l++) {
            h[l] += (removed[l] == null ? 0 : removed[l].size()) - (added[l] == null ? 0 : added[l].size());
        }
        return h;
    }

    /** Total members. */
    long size() {
        if (type == IpSet.Type.NAMED_PORTS) {
            return namedPorts.size();
        }
        long n = 0;
        for (int l = 0; l <= bits; l++) {
            n += count(l);
        }
        return n;
    }

    void forEachMember(int length, io.selvedge.nft.AddressVisitor v) {
        if (current[length] != null) {
            current[length].forEach(v);
        }
    }

    void forEachAdded(int length, io.selvedge.nft.AddressVisitor v) {
        if (added[length] != null) {
            added[length].forEach(v);
        }
    }

    void forEachRemoved(int length, io.selvedge.nft.AddressVisitor v) {
        if (removed[length] != null) {
            removed[length].forEach(v);
        }
    }

    /**
     * How many members longer than {@code pivot} each prefix of length {@code pivot} holds now
     * (keys: the prefix's high 64 engine bits, so pivots up to /64), for gates
     * ({@link IpSetLayout.Gate}). Counted in one pass on the first call for a pivot, then kept up
     * to date with every member change; only the last pivot asked for is kept. The caller must not
     * modify it.
     */
    PrefixCounts longerThan(int pivot) {
        if (pivot != longerPivot || longer == null) {   // a set has one gate at a time: keep one pivot's counts
            PrefixCounts c = new PrefixCounts();
            long mask = pivotMask(pivot);
            for (int l = pivot + 1; l <= bits; l++) {
                if (current[l] != null) {
                    current[l].forEach((hi, lo) -> c.add(hi & mask, 1));
                }
            }
            longerPivot = pivot;
            longer = c;
        }
        return longer;
    }

    /** Mask of the high 64 engine bits for a prefix length up to 64 (IPv4 lives in the top 32 bits of hi). */
    static long pivotMask(int pivot) {
        return pivot == 0 ? 0 : -1L << (64 - pivot);
    }

    private void countLonger(int length, long hi, int delta) {
        if (longer != null && length > longerPivot) {
            longer.add(hi & pivotMask(longerPivot), delta);
        }
    }

    /** Whether the change log is not usable (see the class comment). */
    boolean isReset() {
        return reset;
    }

    /** Whether anything changed since the last commit. */
    boolean changed() {
        if (reset) {
            return true;
        }
        for (int l = 0; l <= bits; l++) {
            if ((added[l] != null && !added[l].isEmpty()) || (removed[l] != null && !removed[l].isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** What was programmed is now what this store holds: clears the change log. */
    void commit() {
        reset = false;
        for (int l = 0; l <= bits; l++) {
            added[l] = null;
            removed[l] = null;
        }
    }

    /** Marks the change log unusable (the programmed copy is unknown). */
    void markReset() {
        reset = true;
    }

    /**
     * The set's new content. The same object as last time is a no-op; otherwise selector sets
     * are diffed into the change log (O(size)), named-port sets are replaced.
     */
    void replace(IpSet set) {
        if (set == source) {
            return;
        }
        if (!set.key().equals(key)) {
            throw new IllegalArgumentException(set.key() + " given to the store of " + key);
        }
        if (set.type() != type) {
            type = set.type();
            for (int l = 0; l <= bits; l++) {
                current[l] = null;
            }
            longer = null;
            commit();
            reset = true;
            fill(set);
            return;
        }
        source = set;
        if (type == IpSet.Type.NAMED_PORTS) {
            namedPorts = set.namedPorts();
            return;
        }
        AddressHashSet[] fresh = byLength(set.nets());
        for (int l = 0; l <= bits; l++) {
            AddressHashSet old = current[l];
            AddressHashSet now = fresh[l];
            final int len = l;
            if (old != null) {
                old.forEach((h, lo) -> {
                    if (now == null || !now.contains(h, lo)) {
                        logRemove(len, h, lo);
                        countLonger(len, h, -1);
                    }
                });
            }
            if (now != null) {
                now.forEach((h, lo) -> {
                    if (old == null || !old.contains(h, lo)) {
                        logAdd(len, h, lo);
                        countLonger(len, h, 1);
                    }
                });
            }
            current[l] = now;
        }
    }

    /** A member delta of a selector set: {@code removed} first, then {@code added}. */
    void apply(List<Cidr> removedMembers, List<Cidr> addedMembers) {
        if (type != IpSet.Type.NETS) {
            throw new IllegalStateException("member delta for the named-port set " + key);
        }
        source = null;
        for (Cidr c : removedMembers) {
            check(c);
            AddressHashSet s = current[c.length()];
            if (s == null || !s.remove(c.hi(), c.lo())) {
                throw new IllegalStateException("delta removes absent " + c + " from " + key);
            }
            logRemove(c.length(), c.hi(), c.lo());
            countLonger(c.length(), c.hi(), -1);
        }
        for (Cidr c : addedMembers) {
            check(c);
            AddressHashSet s = current[c.length()];
            if (s == null) {
                s = current[c.length()] = new AddressHashSet();
            }
            if (!s.add(c.hi(), c.lo())) {
                throw new IllegalStateException("delta adds present " + c + " to " + key);
            }
            logAdd(c.length(), c.hi(), c.lo());
            countLonger(c.length(), c.hi(), 1);
        }
    }

    private void check(Cidr c) {
        if (c.family() != key.family()) {
            throw new IllegalArgumentException(c + " in the " + key.family() + " set " + key);
        }
    }

    private void fill(IpSet set) {
        source = set;
        if (set.type() == IpSet.Type.NAMED_PORTS) {
            namedPorts = set.namedPorts();
            return;
        }
        namedPorts = List.of();
        AddressHashSet[] fresh = byLength(set.nets());
        System.arraycopy(fresh, 0, current, 0, fresh.length);
    }

    private AddressHashSet[] byLength(DisjointCidrs nets) {
        int[] counts = new int[bits + 1];
        int n = nets.size();
        for (int i = 0; i < n; i++) {
            counts[nets.length(i)]++;
        }
        AddressHashSet[] out = new AddressHashSet[bits + 1];
        for (int i = 0; i < n; i++) {   // no Cidr objects: a million-member set is the normal case
            int l = nets.length(i);
            AddressHashSet s = out[l];
            if (s == null) {
                s = out[l] = new AddressHashSet(counts[l]);
            }
            s.add(nets.hi(i), nets.lo(i));
        }
        return out;
    }

    private void logAdd(int l, long hi, long lo) {
        if (reset) {
            return;   // the whole set is reloaded anyway
        }
        if (removed[l] != null && removed[l].remove(hi, lo)) {
            return;
        }
        if (added[l] == null) {
            added[l] = new AddressHashSet();
        }
        added[l].add(hi, lo);
    }

    private void logRemove(int l, long hi, long lo) {
        if (reset) {
            return;
        }
        if (added[l] != null && added[l].remove(hi, lo)) {
            return;
        }
        if (removed[l] == null) {
            removed[l] = new AddressHashSet();
        }
        removed[l].add(hi, lo);
    }

    /** Whether this family is IPv4. */
    boolean isV4() {
        return key.family() == IpFamily.V4;
    }
}
