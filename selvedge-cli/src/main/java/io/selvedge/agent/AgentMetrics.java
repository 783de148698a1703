package io.selvedge.agent;

import io.selvedge.dataplane.FlushReport;

/**
 * What the agent reports on {@code /metrics} (Prometheus text format 0.0.4) and {@code /healthz}:
 * the revision programmed, programming rounds and their latency (last value and a histogram),
 * failures by cause, nft transactions and their size, and the size of the programmed state.
 * Written by the agent's loop, read by the HTTP server: every method is synchronized.
 */
public final class AgentMetrics {

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final long[] bucketCounts = new long[BUCKETS.length];
    private double latencySum;
    private long latencyCount;
    private long revision;
    private double lastSyncSeconds;
    private long syncs;
    private long syncFailures;
    private long nftErrors;
    private long datastoreErrors;
    private long resyncs;
    private long transactions;
    private long operations;
    private long elementsAdded;
    private long elementsRemoved;
    private long endpoints;
    private long policies;
    private long chains;
    private long rules;
    private long elements;
    private boolean lastSyncOk;
    private long lastSyncEpochSeconds;

    /** A programming round succeeded: {@code report} is what the syncer did, at {@code revision}. */
    public synchronized void syncSucceeded(long revision, FlushReport report, double seconds) {
        this.revision = revision;
        lastSyncSeconds = seconds;
        syncs++;
        if (!report.isEmpty()) {
            transactions++;
            operations += report.operations();
        }
        elementsAdded += report.elementsAdded();
        elementsRemoved += report.elementsRemoved();
        chains = report.chains();
        rules = report.rules();
        elements = report.elements();
        lastSyncOk = true;
        lastSyncEpochSeconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts[i]++;
            }
        }
        latencySum += seconds;
        latencyCount++;
    }

    /** A programming round failed; {@code nft} when nft refused the transaction. */
    public synchronized void syncFailed(boolean nft) {
        syncFailures++;
        if (nft) {
            nftErrors++;
        }
        lastSyncOk = false;
    }

    public synchronized void datastoreError() {
        datastoreErrors++;
    }

    public synchronized void resync() {
        resyncs++;
    }

    /** The size of the desired state last programmed. */
    public synchronized void stateSize(long endpoints, long policies) {
        this.endpoints = endpoints;
        this.policies = policies;
    }

    /** True when the last programming round succeeded. */
    public synchronized boolean healthy() {
        return lastSyncOk;
    }

    /** Set elements in the table after the last successful round. */
    public synchronized long elements() {
        return elements;
    }

    public synchronized long revision() {
        return revision;
    }

    /** The Prometheus text exposition. */
    public synchronized String render() {
        StringBuilder b = new StringBuilder();
        gauge(b, "selvedge_up", "1 when the last programming round succeeded", lastSyncOk ? 1 : 0);
        gauge(b, "selvedge_revision_programmed", "datastore revision the kernel holds", revision);
        gauge(b, "selvedge_last_sync_timestamp_seconds", "when the last programming round succeeded", lastSyncEpochSeconds);
        gauge(b, "selvedge_last_sync_duration_seconds", "duration of the last programming round", lastSyncSeconds);
        b.append("# HELP selvedge_programming_latency_seconds programming rounds: graph update, render, nft\n");
        b.append("# TYPE selvedge_programming_latency_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            b.append("selvedge_programming_latency_seconds_bucket{le=\"").append(num(BUCKETS[i])).append("\"} ")
                    .append(bucketCounts[i]).append('\n');
        }
        b.append("selvedge_programming_latency_seconds_bucket{le=\"+Inf\"} ").append(latencyCount).append('\n');
        b.append("selvedge_programming_latency_seconds_sum ").append(num(latencySum)).append('\n');
        b.append("selvedge_programming_latency_seconds_count ").append(latencyCount).append('\n');
        counter(b, "selvedge_syncs_total", "programming rounds that succeeded", syncs);
        counter(b, "selvedge_sync_failures_total", "programming rounds that failed", syncFailures);
        counter(b, "selvedge_nft_errors_total", "nft transactions the kernel refused", nftErrors);
        counter(b, "selvedge_datastore_errors_total", "datastore watch or connection failures", datastoreErrors);
        counter(b, "selvedge_resyncs_total", "full re-lists of the datastore", resyncs);
        counter(b, "selvedge_nft_transactions_total", "nft transactions sent", transactions);
        counter(b, "selvedge_nft_operations_total", "statements in the nft transactions sent", operations);
        counter(b, "selvedge_nft_elements_added_total", "set elements added", elementsAdded);
        counter(b, "selvedge_nft_elements_removed_total", "set elements removed", elementsRemoved);
        gauge(b, "selvedge_endpoints", "local endpoints programmed", endpoints);
        gauge(b, "selvedge_policies", "policies programmed", policies);
        gauge(b, "selvedge_table_chains", "chains in table inet selvedge", chains);
        gauge(b, "selvedge_table_rules", "rules in table inet selvedge", rules);
        gauge(b, "selvedge_ipset_members", "set elements in table inet selvedge", elements);
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(num(value)).append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(value).append('\n');
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }
}
