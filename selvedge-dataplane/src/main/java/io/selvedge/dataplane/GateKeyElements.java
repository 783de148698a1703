package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.SetContent.GateKeys;
import io.selvedge.engine.IpFamily;
import io.selvedge.nft.AddressVisitor;
import io.selvedge.nft.IpPrefix;
import io.selvedge.nft.Ipv4Prefix;
import io.selvedge.nft.Ipv6Prefix;
import io.selvedge.nft.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements of a gate set ({@link GateKeys}, {@link IpSetLayout.Gate}) from the members of its
 * IP set: the pivot prefixes that hold a member longer than the pivot (its gated sources are all
 * the member lengths above the pivot), in full or as the change since the members' last commit.
 * Keys are raw addresses as {@link TransactionPlanner#expandRaw} gives them: {@code (0, address)}
 * for IPv4, {@code (high 64 bits, 0)} for IPv6 (pivots up to /64). The member store counts the
 * members under each prefix ({@link IpSetMembers#longerThan}), so a change costs O(changed members).
 *
 * <p>Stateless.
 */
final class GateKeyElements {

    private GateKeyElements() {
    }

    /** Each key of {@code g}, once. */
    static void forEach(IpSetMembers members, GateKeys g, AddressVisitor v) {
        boolean v4 = g.key().family() == IpFamily.V4;
        members.longerThan(g.pivot()).forEachKey(prefix -> {
            if (v4) {
                v.visit(0, prefix >>> 32);
            } else {
                v.visit(prefix, 0);
            }
        });
    }

    /** Keys to delete and keys to add. */
    record Change(List<Value> gone, List<Value> fresh) {
    }

    /** The change of {@code g}'s keys since the members' last commit (their change log must be usable). */
    static Change change(IpSetMembers members, GateKeys g) {
        long mask = IpSetMembers.pivotMask(g.pivot());
        PrefixCounts net = new PrefixCounts();   // members added minus removed under each touched prefix
        for (int l : g.gatedSources()) {
            members.forEachRemoved(l, (hi, lo) -> net.add(hi & mask, -1));
            members.forEachAdded(l, (hi, lo) -> net.add(hi & mask, 1));
        }
        PrefixCounts now = members.longerThan(g.pivot());
        List<Value> gone = new ArrayList<>();
        List<Value> fresh = new ArrayList<>();
        net.forEachKey(prefix -> {
            int count = now.get(prefix);
            boolean was = count - net.get(prefix) > 0;
            if (was != count > 0) {
                (was ? gone : fresh).add(element(g, prefix));
            }
        });
        return new Change(gone, fresh);
    }

    /** The set element of a key in engine bits. */
    private static IpPrefix element(GateKeys g, long prefix) {
        return g.key().family() == IpFamily.V4 ? Ipv4Prefix.host((int) (prefix >>> 32)) : new Ipv6Prefix(prefix, 0, 128);
    }

    /** The set element of a key as {@link #forEach} gives it. */
    static IpPrefix element(GateKeys g, long hi, long lo) {
        return g.key().family() == IpFamily.V4 ? Ipv4Prefix.host((int) lo) : new Ipv6Prefix(hi, lo, 128);
    }
}
