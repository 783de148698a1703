package io.selvedge.agent;

import io.selvedge.store.Datastore;
import io.selvedge.store.NodeStatus;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's heartbeat: every {@code interval} it writes a {@link NodeStatus} (node name, time,
 * the revision the kernel holds, health, version) with {@link Datastore#reportNodeStatus}, which
 * keeps it outside the resources that agents watch, so heartbeats wake no agent.
 *
 * <p>Every {@link #STALL_CHECK_EVERY} reports it also asks the datastore whether resources changed
 * after the revision the kernel holds; {@link WatchStallDetector} turns a lag that does not move
 * into a call of {@code onStall} (the agent re-opens its watch). That costs a few small reads
 * (on etcd, three range requests), so it is not done on every heartbeat.
 *
 * <p>Runs on its own daemon thread with its own datastore connection, so a slow or unreachable
 * datastore never delays programming the kernel. A failed report is logged once (and once when
 * reports work again), not every interval; the connection is re-opened on the next one.
 */
final class NodeStatusReporter implements AutoCloseable {

    /** Reports per stall check. */
    static final int STALL_CHECK_EVERY = 3;

    private final String node;
    private final Supplier<Datastore> opener;
    private final AgentMetrics metrics;
    private final String version;
    private final AgentLog log;
    private final Clock clock;
    private final long intervalMs;
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.function.Consumer<String> onStall;
    private final WatchStallDetector stall = new WatchStallDetector();
    private Datastore datastore;
    private boolean failing;
    private long reports;

    /**
     * @param onStall called (with the reason) when the kernel's revision is behind the datastore
     *     and does not move ({@link WatchStallDetector})
     */
    NodeStatusReporter(String node, Supplier<Datastore> opener, AgentMetrics metrics, String version, AgentLog log,
                       Clock clock, long intervalMs, java.util.function.Consumer<String> onStall) {
        this.onStall = onStall;
        this.node = node;
        this.opener = opener;
        this.metrics = metrics;
        this.version = version;
        this.log = log;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.thread = new Thread(this::loop, "selvedge-heartbeat");
        thread.setDaemon(true);
    }

    /** Starts reporting (the first report goes out at once). */
    NodeStatusReporter start() {
        if (!NodeStatus.isValidNodeName(node)) {
            log.warn("node name \"" + node + "\" is not a host name; not reporting node status");
            return this;
        }
        thread.start();
        return this;
    }

    /** The status this agent would report now. */
    NodeStatus current() {
        long revision = metrics.revision();
        boolean healthy = metrics.healthy();
        String detail = healthy ? "" : revision == 0 ? "not programmed yet"
                : "last programming round failed; the kernel keeps revision " + revision;
        return new NodeStatus(node, clock.instant(), revision, healthy, detail, version);
    }

    /** Writes one heartbeat; false (logged once) if the datastore did not take it. */
    boolean reportOnce() {
        try {
            if (datastore == null) {
                datastore = opener.get();
            }
            NodeStatus status = current();
            datastore.reportNodeStatus(status);
            // an unhealthy agent is behind for a known reason, and retries on its own
            if (++reports % STALL_CHECK_EVERY == 0 && status.healthy()) {
                checkStall(status.revision());
            }
            if (failing) {
                log.info("node status reported again");
                failing = false;
            }
            return true;
        } catch (RuntimeException e) {
            closeDatastore();
            if (!running) {
                return false;   // interrupted by close(): shutting down, not a datastore problem
            }
            if (!failing) {
                log.warn("cannot report node status (retrying every " + intervalMs / 1000.0 + " s): " + e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    private void checkStall(long programmed) {
        long behind = programmed == 0 ? 0 : datastore.resourcesChangedSince(programmed);
        if (stall.stalled(programmed, behind)) {
            String why = behind + " resources changed after revision " + programmed
                    + ", which the kernel has held for " + STALL_CHECK_EVERY * intervalMs / 1000.0 + " s or more";
            log.warn("the datastore watch seems stalled (" + why + "); re-opening it");
            onStall.accept(why);
        }
    }

    private void loop() {
        while (running) {
            reportOnce();
            try {
                TimeUnit.MILLISECONDS.sleep(intervalMs);
            } catch (InterruptedException e) {
                break;
            }
        }
        closeDatastore();
    }

    private void closeDatastore() {
        if (datastore != null) {
            try {
                datastore.close();
            } catch (RuntimeException e) {
                // unreachable anyway
            }
            datastore = null;
        }
    }

    /** Stops reporting; the last status stays in the datastore. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
