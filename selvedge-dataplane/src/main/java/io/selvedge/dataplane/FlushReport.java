package io.selvedge.dataplane;

import java.time.Duration;

/**
 * What one {@link Syncer} flush did: whether it replaced the whole table, how big its transaction
 * was, what it changed, the size of the programmed table afterwards, and where the time went. For
 * the agent's log line and metrics. Immutable.
 *
 * @param fullReplace the transaction replaced the whole table (start, restart, after an error)
 * @param operations statements in the transaction (an element statement counts once)
 * @param elementsAdded set elements added (whole sets included)
 * @param elementsRemoved set elements deleted
 * @param setsAdded sets created
 * @param setsReloaded sets flushed and refilled (a layout change)
 * @param setsRemoved sets deleted
 * @param chainsAdded chains created
 * @param chainsReplaced chains flushed and refilled
 * @param chainsRemoved chains deleted
 * @param mapElementsChanged dispatch-map elements added or deleted
 * @param chains chains in the table afterwards
 * @param rules rules in the table afterwards
 * @param elements set elements in the table afterwards
 * @param render time spent rendering and planning
 * @param nft time spent in nft (zero when there was nothing to send)
 * @param setsKept sets a whole-table replacement found in the kernel with the desired content
 *     (by their digest records) and did not reload
 * @param preloads transactions that loaded new big sets before the switch transaction, in parallel
 */
public record FlushReport(boolean fullReplace, int operations, long elementsAdded, long elementsRemoved, int setsAdded,
                          int setsReloaded, int setsRemoved, int chainsAdded, int chainsReplaced, int chainsRemoved,
                          int mapElementsChanged, int chains, int rules, long elements, Duration render, Duration nft,
                          int setsKept, int preloads) {

    /** A report without kept or preloaded sets. */
    public FlushReport(boolean fullReplace, int operations, long elementsAdded, long elementsRemoved, int setsAdded,
                       int setsReloaded, int setsRemoved, int chainsAdded, int chainsReplaced, int chainsRemoved,
                       int mapElementsChanged, int chains, int rules, long elements, Duration render, Duration nft) {
        this(fullReplace, operations, elementsAdded, elementsRemoved, setsAdded, setsReloaded, setsRemoved, chainsAdded,
                chainsReplaced, chainsRemoved, mapElementsChanged, chains, rules, elements, render, nft, 0, 0);
    }

    /** True when nothing was sent. */
    public boolean isEmpty() {
        return operations == 0;
    }

    /** One log line. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "nft: no changes (render " + render.toMillis() + " ms)";
        }
        return (fullReplace ? "nft: replaced table" : "nft: delta")
                + (preloads > 0 ? " (" + preloads + " parallel set loads, then one switch transaction; " : " in one transaction of ")
                + operations + " operations" + (preloads > 0 ? " in all)" : "")
                + " (elements +" + elementsAdded + " -" + elementsRemoved
                + "; sets +" + setsAdded + " ~" + setsReloaded + " -" + setsRemoved + (setsKept > 0 ? " =" + setsKept + " kept" : "")
                + "; chains +" + chainsAdded + " ~" + chainsReplaced + " -" + chainsRemoved
                + "; dispatch entries " + mapElementsChanged
                + "); table: " + chains + " chains, " + rules + " rules, " + elements + " elements"
                + "; render " + render.toMillis() + " ms, nft " + nft.toMillis() + " ms";
    }
}
