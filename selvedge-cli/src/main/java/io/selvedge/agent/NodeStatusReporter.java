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
 * <p>Runs on its own daemon thread with its own datastore connection, so a slow or unreachable
 * datastore never delays programming the kernel. A failed report is logged once (and once when
 * reports work again), not every interval; the connection is re-opened on the next one.
 */
final class NodeStatusReporter implements AutoCloseable {

    private final String node;
    private final Supplier<Datastore> opener;
    private final AgentMetrics metrics;
    private final String version;
    private final AgentLog log;
    private final Clock clock;
    private final long intervalMs;
    private final Thread thread;
    private volatile boolean running = true;
    private Datastore datastore;
    private boolean failing;

    NodeStatusReporter(String node, Supplier<Datastore> opener, AgentMetrics metrics, String version, AgentLog log,
                       Clock clock, long intervalMs) {
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
            datastore.reportNodeStatus(current());
            if (failing) {
                log.info("node status reported again");
                failing = false;
            }
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot report node status (retrying every " + intervalMs / 1000.0 + " s): " + e.getMessage());
                failing = true;
            }
            closeDatastore();
            return false;
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
