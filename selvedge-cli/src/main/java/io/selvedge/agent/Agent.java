package io.selvedge.agent;

import io.selvedge.dataplane.FlushReport;
import io.selvedge.dataplane.InterfaceInventory;
import io.selvedge.dataplane.Syncer;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.DesiredStateUpdate;
import io.selvedge.engine.NetsChange;
import io.selvedge.model.Resource;
import io.selvedge.nft.Nft;
import io.selvedge.nft.NftException;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.Watch;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's loop: datastore watch → {@link CalculationGraph} of this node → {@link Syncer} →
 * {@code table inet selvedge} of the network namespace it runs in.
 *
 * <ul>
 *   <li><b>Start and re-list</b> (watch from revision 0, and after {@code onResync}): a new graph
 *       is fed the snapshot, the syncer gets the whole desired state and the interfaces, and
 *       {@link Syncer#fullResync()} replaces the table in one transaction — the old table (from a
 *       previous run of the agent) enforces until the new one is in place.</li>
 *   <li><b>Events</b>: every batch waiting in the queue is applied to the graph, the graph's
 *       updates go to the syncer, and one flush sends one nft transaction with what changed.</li>
 *   <li><b>Every {@link #TICK_MS} ms without events</b>: the interfaces are re-read (a change
 *       re-binds host endpoints by expected IPs), and a failed round is retried.</li>
 *   <li><b>Datastore unreachable</b> (open or watch fails): the kernel is left as it is — never
 *       deleted, never opened up — and the agent retries with exponential backoff (0.5 s to
 *       {@link #MAX_BACKOFF_MS} ms), resuming from the last revision it saw.</li>
 *   <li><b>nft refuses a transaction</b>: the kernel keeps the previous table (transactions are
 *       atomic); the error and the failing line are logged, {@code /healthz} turns 503, and the
 *       next round replaces the whole table.</li>
 * </ul>
 *
 * <p>One thread runs the loop ({@link #run()}); the watch thread only queues what it sees.
 * {@link #stop()} may be called from any thread (SIGTERM): the loop ends after its current round
 * and the table stays in place.
 */
public final class Agent implements AutoCloseable {

    static final long TICK_MS = 2000;
    static final long MAX_BACKOFF_MS = 10_000;

    /** What the watch thread hands to the loop. */
    private sealed interface Signal {
    }

    private record Snapshot(long watchId, long revision, List<Resource> resources) implements Signal {
    }

    private record Events(long watchId, List<WatchEvent> events) implements Signal {
    }

    private record Resync(long watchId) implements Signal {
    }

    private record Failed(long watchId, DatastoreException error) implements Signal {
    }

    private record Stop() implements Signal {
    }

    private final String node;
    private final Supplier<Datastore> opener;
    private final Syncer syncer;
    private final InterfaceReader interfaces;
    private final AgentLog log;
    private final AgentMetrics metrics;
    private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();

    private volatile boolean running = true;
    private Datastore datastore;
    private Watch watch;
    private volatile long watchId;
    private CalculationGraph graph;
    private long revision;
    /** The revision the graph holds; ahead of {@link #revision} while a failed round waits for its retry. */
    private long graphRevision;
    private boolean listed;
    private boolean failedRound;
    private long backoffMs;
    private InterfaceInventory lastInterfaces = InterfaceInventory.empty();
    private final Set<Object> endpointIds = new HashSet<>();
    private final Set<Object> policyIds = new HashSet<>();
    private final Nft nft;
    private boolean toldNetlinkUnavailable;
    /** Whether the {@link DeltaPathWarmUp} ran (once, after the first programming of a watching agent). */
    private boolean warmedUp;

    public Agent(String node, Supplier<Datastore> opener, Nft nft, EnforcementSettings settings, InterfaceReader interfaces,
                 AgentLog log, AgentMetrics metrics) {
        this.node = node;
        this.opener = opener;
        this.nft = nft;
        this.syncer = new Syncer(nft, new io.selvedge.dataplane.Renderer(settings.dataplaneConfig()));
        this.interfaces = interfaces;
        this.log = log;
        this.metrics = metrics;
    }

    /**
     * Programs the kernel once from a snapshot of the datastore ({@code --once}).
     *
     * @return the revision programmed
     * @throws DatastoreException if the datastore cannot be read
     * @throws NftException if nft refuses the table (the kernel keeps what it had)
     */
    public long programOnce() {
        datastore = opener.get();
        BlockingQueue<Signal> once = queue;
        watch = datastore.watch(0, listener(++watchId));
        try {
            while (true) {
                Signal s = once.poll(60, TimeUnit.SECONDS);
                if (s == null) {
                    throw new IllegalStateException("no snapshot from the datastore in 60 s");
                }
                if (s instanceof Snapshot snap) {
                    watch.close();
                    relist(snap);
                    return revision;
                }
                if (s instanceof Failed f) {
                    throw f.error();
                }
                if (s instanceof Resync) {
                    watch = datastore.watch(0, listener(++watchId));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs the loop until {@link #stop()}. */
    public void run() {
        log.info("agent for node " + node + " starting");
        backoffMs = 0;
        while (running) {
            if (watch == null && !connect()) {
                sleep(nextBackoff());
                continue;
            }
            Signal s;
            try {
                s = queue.poll(TICK_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (s == null) {
                tick();
            } else if (s instanceof Stop) {
                break;
            } else if (stale(s)) {
                continue;
            } else if (s instanceof Snapshot snap) {
                if (round(() -> relist(snap)) == Outcome.FAILED) {
                    relistLater();
                } else {
                    backoffMs = 0;
                    if (!warmedUp) {
                        warmedUp = true;
                        DeltaPathWarmUp.start(syncer.renderer().config(), log);
                    }
                }
            } else if (s instanceof Events ev) {
                List<WatchEvent> batch = new ArrayList<>(ev.events());
                while (queue.peek() instanceof Events more && !stale(more)) {
                    queue.poll();
                    batch.addAll(more.events());
                }
                if (round(() -> applyEvents(batch)) == Outcome.FAILED) {
                    relistLater();   // the graph may hold part of the batch: start again from a full list
                } else {
                    backoffMs = 0;
                }
            } else if (s instanceof Resync) {
                log.warn("datastore history compacted; re-listing everything");
                metrics.resync();
                closeWatch();
                listed = false;
            } else if (s instanceof Failed f) {
                metrics.datastoreError();
                log.error("datastore watch failed (the kernel keeps enforcing revision " + revision + "): "
                        + f.error().getMessage(), f.error());
                closeWatch();
                sleep(nextBackoff());
            }
        }
        log.info("agent stopping; table inet selvedge stays in place at revision " + revision);
    }

    /** Asks the loop to end (any thread). */
    public void stop() {
        running = false;
        queue.offer(new Stop());
    }

    /**
     * Drops the watch and opens a new one from the revision the kernel holds (any thread), for a
     * watch that stopped delivering without failing ({@link WatchStallDetector}).
     */
    public void reconnectWatch(String reason) {
        queue.offer(new Failed(watchId, new DatastoreException("the watch stalled: " + reason)));
    }

    /** The revision the kernel holds (0 before the first round). */
    public long revision() {
        return revision;
    }

    private boolean stale(Signal s) {
        long id = s instanceof Snapshot x ? x.watchId() : s instanceof Events x ? x.watchId()
                : s instanceof Resync x ? x.watchId() : s instanceof Failed x ? x.watchId() : watchId;
        return id != watchId;
    }

    private boolean connect() {
        try {
            if (datastore == null) {
                datastore = opener.get();
            }
            long from = listed ? revision : 0;
            watch = datastore.watch(from, listener(++watchId));
            log.info("watching " + datastore.url() + (from == 0 ? " (full list)" : " from revision " + from));
            return true;
        } catch (RuntimeException e) {
            metrics.datastoreError();
            log.error("datastore unreachable (the kernel keeps enforcing revision " + revision + "; retrying): "
                    + e.getMessage(), e);
            closeDatastore();
            return false;
        }
    }

    private WatchListener listener(long id) {
        return new WatchListener() {
            @Override
            public void onSnapshot(long rev, List<Resource> resources) {
                queue.offer(new Snapshot(id, rev, resources));
            }

            @Override
            public void onEvents(List<WatchEvent> events) {
                queue.offer(new Events(id, List.copyOf(events)));
            }

            @Override
            public void onResync(long requestedRevision, long compactedRevision) {
                queue.offer(new Resync(id));
            }

            @Override
            public void onError(DatastoreException error) {
                queue.offer(new Failed(id, error));
            }
        };
    }

    /** A new graph from a full list; the whole table is replaced in one transaction. */
    private void relist(Snapshot snap) {
        long t0 = System.nanoTime();
        CalculationGraph g = new CalculationGraph(node);
        for (Resource r : snap.resources()) {
            g.onUpdate(r);
        }
        g.flush(u -> { });   // the snapshot below carries all of it
        DesiredState state = g.snapshot();
        graph = g;
        graphRevision = snap.revision();
        listed = true;
        logProblems();
        syncer.setDesiredState(state);
        syncer.setInterfaces(readInterfaces());
        FlushReport report = syncer.fullResync();
        revision = snap.revision();
        metrics.stateSize(state.endpoints().size(), state.policies().size());
        done(t0, report, "revision " + revision + ": " + snap.resources().size() + " resources listed; "
                + state.endpoints().size() + " local endpoints, " + state.policies().size() + " policies, "
                + state.ipSets().size() + " IP sets");
    }

    private void applyEvents(List<WatchEvent> events) {
        long t0 = System.nanoTime();
        int netsDeltas = 0;
        int netsRemoved = 0;
        int netsAdded = 0;
        int netsInWhole = 0;
        for (WatchEvent e : events) {
            if (e.type() == WatchEvent.Type.DELETED) {
                graph.onDelete(e.key().kind(), e.key().namespace(), e.key().name());
            } else if (applyNetsDelta(e)) {
                netsDeltas++;
                netsRemoved += e.netsDelta().orElseThrow().removed().size();
                netsAdded += e.netsDelta().orElseThrow().added().size();
            } else {
                netsInWhole += e.netsDelta().isPresent() ? 1 : 0;
                graph.onUpdate(e.resource());
            }
        }
        List<DesiredStateUpdate> updates = new ArrayList<>();
        graph.flush(updates::add);
        long last = events.get(events.size() - 1).revision();
        graphRevision = last;
        try {
            syncer.applyAll(updates);
        } catch (IllegalStateException e) {
            // the update stream and the syncer disagree (a bug): rebuild from the graph's snapshot
            log.error("update stream out of step (" + e.getMessage() + "); replacing the whole table", e);
            syncer.setDesiredState(graph.snapshot());
            syncer.fullResync();
        }
        if (!graph.problems().isEmpty()) {
            logProblems();
        }
        FlushReport report = syncer.flush();
        revision = last;
        countState(updates);
        done(t0, report, "revision " + last + ": " + events.size() + " changes (" + describe(events) + ")"
                + (netsDeltas > 0 ? ", " + netsDeltas + " as nets deltas (-" + netsRemoved + " +" + netsAdded + ")" : "")
                + (netsInWhole > 0 ? ", " + netsInWhole + " nets deltas not applicable (read in whole)" : "")
                + " -> " + updates.size() + " updates");
    }

    /**
     * Applies the event's nets delta, if it has one and the graph holds the version it applies
     * on: then the event's full resource is never decoded (a million-net set changes in
     * milliseconds). False if the event has to go in whole.
     */
    private boolean applyNetsDelta(WatchEvent e) {
        Optional<NetsDelta> d = e.netsDelta();
        return d.isPresent() && graph.applyNetsDelta(new NetsChange(e.key().kind(), e.key().namespace(), e.key().name(),
                Long.toString(d.get().baseRevision()), Long.toString(e.revision()), d.get().removed(), d.get().added()));
    }

    private void tick() {
        if (graph == null) {
            return;
        }
        round(() -> {
            long t0 = System.nanoTime();
            syncer.setInterfaces(readInterfaces());
            FlushReport report = failedRound ? syncer.fullResync() : syncer.flush();
            revision = graphRevision;   // a retried round programs everything the graph holds
            if (!report.isEmpty()) {
                done(t0, report, "revision " + revision + ": " + (failedRound ? "retry after failure" : "interfaces changed"));
            } else if (failedRound) {
                done(t0, report, "revision " + revision + ": retry after failure");
            }
        });
    }

    /** How a programming round ended. */
    private enum Outcome { OK, NFT_REFUSED, FAILED }

    /**
     * Runs a programming round. nft refusing a transaction leaves the kernel as it was and is
     * retried (whole table) on the next tick; any other failure is answered by the caller with a
     * full re-list.
     */
    private Outcome round(Runnable r) {
        try {
            r.run();
            failedRound = false;
            return Outcome.OK;
        } catch (NftException e) {
            failedRound = true;
            metrics.syncFailed(true);
            log.error("nft refused the transaction (the kernel keeps the previous table; retrying): " + e.getMessage()
                    + e.failingLine().map(l -> " | failing line: " + l).orElse(""), e);
            return Outcome.NFT_REFUSED;
        } catch (RuntimeException e) {
            failedRound = true;
            metrics.syncFailed(false);
            log.error("programming round failed (the kernel keeps the previous table; re-listing): " + e, e);
            return Outcome.FAILED;
        }
    }

    /** Drops the watch so that the next connect lists everything again (after a backoff). */
    private void relistLater() {
        closeWatch();
        listed = false;
        sleep(nextBackoff());
    }

    private void done(long t0, FlushReport report, String what) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        metrics.syncSucceeded(revision, report, seconds);
        log.info(what + "; " + report + "; round " + Math.round(seconds * 1000) + " ms");
        if (!toldNetlinkUnavailable && nft instanceof io.selvedge.nft.ExecNft exec && exec.netlinkUnavailable().isPresent()) {
            toldNetlinkUnavailable = true;
            log.warn("big sets are loaded through nft, not netlink (" + exec.netlinkUnavailable().get()
                    + "): starts with big sets take about twice as long; see docs/operations.md");
        }
    }

    private InterfaceInventory readInterfaces() {
        try {
            InterfaceInventory now = interfaces.read();
            if (!now.equals(lastInterfaces)) {
                log.info("interfaces: " + now.interfaces().keySet());
            }
            lastInterfaces = now;
        } catch (RuntimeException e) {
            log.warn("cannot read interfaces, keeping the last known ones: " + e.getMessage());
        }
        return lastInterfaces;
    }

    private void countState(List<DesiredStateUpdate> updates) {
        for (DesiredStateUpdate u : updates) {
            if (u instanceof DesiredStateUpdate.EndpointUpsert x) {
                endpointIds.add(x.endpoint().id());
            } else if (u instanceof DesiredStateUpdate.EndpointRemoved x) {
                endpointIds.remove(x.id());
            } else if (u instanceof DesiredStateUpdate.PolicyUpsert x) {
                policyIds.add(x.policy().id());
            } else if (u instanceof DesiredStateUpdate.PolicyRemoved x) {
                policyIds.remove(x.id());
            }
        }
        metrics.stateSize(endpointIds.size(), policyIds.size());
    }

    private void logProblems() {
        for (Map.Entry<String, List<String>> p : graph.problems().entrySet()) {
            for (String problem : p.getValue()) {
                log.warn(p.getKey() + ": " + problem + " (ignored, as Felix does)");
            }
        }
    }

    private static String describe(List<WatchEvent> events) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (WatchEvent e : events) {
            if (shown == 5) {
                b.append(", ...");
                break;
            }
            b.append(shown++ == 0 ? "" : ", ").append(e.type().name().toLowerCase()).append(' ').append(e.key());
        }
        return b.toString();
    }

    private long nextBackoff() {
        backoffMs = backoffMs == 0 ? 500 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        return backoffMs;
    }

    private void sleep(long ms) {
        try {
            Signal s = queue.poll(ms, TimeUnit.MILLISECONDS);
            if (s instanceof Stop) {
                running = false;
            }
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                // already failed
            }
            watch = null;
        }
    }

    private void closeDatastore() {
        closeWatch();
        if (datastore != null) {
            try {
                datastore.close();
            } catch (RuntimeException e) {
                // unreachable anyway
            }
            datastore = null;
        }
    }

    /** Closes the watch and the datastore; the kernel's table stays. */
    @Override
    public void close() {
        closeDatastore();
    }
}
