package io.selvedge.agent;

/**
 * Notices a watch that stopped delivering while the agent keeps running: a connection to an etcd
 * member that died or rebooted while this host was cut off can stay open on this side forever
 * (the member's goodbye was lost, and a watch only reads, so nothing ever fails), and the kernel
 * would silently keep an old state. The datastore itself says whether the kernel is behind
 * ({@link io.selvedge.store.Datastore#resourcesChangedSince}); if it is behind at two checks in a
 * row with the same programmed revision, the watch is taken as stalled and re-opened from that
 * revision (cheap, no re-list). A long programming round can look the same; re-opening the watch
 * then costs one reconnect. Not thread-safe: one caller (the heartbeat thread).
 */
final class WatchStallDetector {

    private long behindAt = -1;

    /**
     * One check.
     *
     * @param programmed the revision the kernel holds
     * @param changedSince resources changed after it (0: up to date)
     * @return true if the watch should be re-opened
     */
    boolean stalled(long programmed, long changedSince) {
        if (changedSince == 0 || programmed == 0) {
            behindAt = -1;
            return false;
        }
        if (behindAt == programmed) {
            behindAt = -1;   // start over: the next verdict needs two more checks
            return true;
        }
        behindAt = programmed;
        return false;
    }
}
