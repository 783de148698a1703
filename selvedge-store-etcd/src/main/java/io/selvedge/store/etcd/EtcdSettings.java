package io.selvedge.store.etcd;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the etcd backend: timeouts, and the server limits it packs writes into. The
 * defaults match an etcd started without options ({@code --max-txn-ops 128},
 * {@code --max-request-bytes 1572864}); lower them here if the cluster runs with lower limits.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection to one endpoint
 * @param requestTimeout how long one operation may take in all, retries and failover included
 * @param watchRetryTimeout how long a watch keeps reconnecting before it reports
 *     {@link io.selvedge.store.WatchListener#onError}
 * @param maxTxnOps etcd's {@code --max-txn-ops}: compares, and operations per branch, of one txn
 * @param maxRequestBytes etcd's {@code --max-request-bytes}
 * @param chunkBytes bytes of a large document per chunk key (well below maxRequestBytes)
 * @param inlineBytes documents up to this size are stored in the resource's key itself
 */
public record EtcdSettings(Duration connectTimeout, Duration requestTimeout, Duration watchRetryTimeout,
    int maxTxnOps, int maxRequestBytes, int chunkBytes, int inlineBytes) {

  /** Room left in a request for protobuf framing, the header and rounding in our estimate. */
  static final int REQUEST_OVERHEAD = 16 * 1024;

  public EtcdSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(watchRetryTimeout, "watchRetryTimeout");
    if (maxTxnOps < 2) {
      throw new IllegalArgumentException("maxTxnOps must be at least 2, not " + maxTxnOps);
    }
    if (chunkBytes <= 0 || inlineBytes <= 0 || chunkBytes + REQUEST_OVERHEAD > maxRequestBytes
        || inlineBytes + REQUEST_OVERHEAD > maxRequestBytes) {
      throw new IllegalArgumentException("chunkBytes (" + chunkBytes + ") and inlineBytes (" + inlineBytes
          + ") must leave " + REQUEST_OVERHEAD + " bytes of room in maxRequestBytes (" + maxRequestBytes + ")");
    }
  }

  /** etcd's default limits; 3 s to connect, 15 s per operation, 60 s of watch reconnects. */
  public static EtcdSettings defaults() {
    return new EtcdSettings(Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(60),
        128, 1_572_864, 1 << 20, 512 * 1024);
  }

  public EtcdSettings withTimeouts(Duration connect, Duration request, Duration watchRetry) {
    return new EtcdSettings(connect, request, watchRetry, maxTxnOps, maxRequestBytes, chunkBytes, inlineBytes);
  }

  public EtcdSettings withLimits(int txnOps, int requestBytes, int chunk, int inline) {
    return new EtcdSettings(connectTimeout, requestTimeout, watchRetryTimeout, txnOps, requestBytes, chunk, inline);
  }

  /** Bytes of keys and values one txn may carry, by our estimate. */
  int txnByteBudget() {
    return maxRequestBytes - REQUEST_OVERHEAD;
  }
}
