package io.selvedge.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The etcd KV operations the backend uses (range, txn, put, compact), typed, over a
 * {@link GatewayClient}. Thread-safe.
 */
final class KvClient {
  private final GatewayClient gateway;

  KvClient(GatewayClient gateway) {
    this.gateway = gateway;
  }

  GatewayClient gateway() {
    return gateway;
  }

  /** The answer to a range read: keys in order, whether more follow, at which revision. */
  record Range(long revision, List<KeyValue> kvs, boolean more) { }

  /** The answer to a txn: its revision, whether the compares held, and the read results. */
  record TxnResult(long revision, boolean succeeded, List<List<KeyValue>> reads) { }

  /** One key, at the latest revision. */
  Range get(String key) {
    return range(key, null, 0, 0, false);
  }

  /**
   * Keys in {@code [key, end)} ({@code end} null for the one key), at {@code revision} (0 for
   * the latest), at most {@code limit} (0 for all).
   */
  Range range(String key, String end, long revision, long limit, boolean keysOnly) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(key));
    if (end != null) {
      body.put("range_end", Txn.b64(end));
    }
    if (revision > 0) {
      body.put("revision", Long.toString(revision));
    }
    if (limit > 0) {
      body.put("limit", Long.toString(limit));
    }
    if (keysOnly) {
      body.put("keys_only", true);
    }
    JsonNode a = gateway.call("/v3/kv/range", body, true);
    return new Range(a.path("header").path("revision").asLong(), kvs(a.path("kvs")), a.path("more").asBoolean());
  }

  /** How many keys start with {@code prefix} at {@code revision} (0 for the latest), and that revision. */
  record Count(long revision, long count) { }

  Count countPrefix(String prefix, long revision) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(prefix))
        .put("range_end", Txn.b64(KeyLayout.prefixEnd(prefix))).put("count_only", true);
    if (revision > 0) {
      body.put("revision", Long.toString(revision));
    }
    JsonNode a = gateway.call("/v3/kv/range", body, true);
    return new Count(a.path("header").path("revision").asLong(), a.path("count").asLong());
  }

  /**
   * Keys (without values) starting with {@code prefix}, as of {@code revision}, last modified
   * after {@code after}. etcd filters by mod revision on the server, so only those travel.
   */
  List<KeyValue> keysModifiedAfter(String prefix, long after, long revision) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(prefix))
        .put("range_end", Txn.b64(KeyLayout.prefixEnd(prefix))).put("keys_only", true)
        .put("min_mod_revision", Long.toString(after + 1)).put("revision", Long.toString(revision));
    return kvs(gateway.call("/v3/kv/range", body, true).path("kvs"));
  }

  /** The current revision of the cluster (a linearizable read of nothing much). */
  long currentRevision() {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(KeyLayout.ROOT))
        .put("count_only", true);
    return gateway.call("/v3/kv/range", body, true).path("header").path("revision").asLong();
  }

  /**
   * Runs a transaction.
   *
   * @param readOnly true if it only reads (then it is retried freely)
   */
  TxnResult txn(Txn txn, boolean readOnly) {
    JsonNode a = gateway.call("/v3/kv/txn", txn.toJson(), readOnly);
    List<List<KeyValue>> reads = new ArrayList<>();
    for (JsonNode r : a.path("responses")) {
      JsonNode range = r.get("response_range");
      if (range != null) {
        reads.add(kvs(range.path("kvs")));
      }
    }
    return new TxnResult(a.path("header").path("revision").asLong(), a.path("succeeded").asBoolean(), reads);
  }

  /** Writes one key; used for chunks, whose keys are unique, so repeating it is harmless. */
  long put(String key, byte[] value) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(key))
        .put("value", Base64.getEncoder().encodeToString(value));
    return gateway.call("/v3/kv/put", body, true).path("header").path("revision").asLong();
  }

  /** Deletes one key; returns whether it existed. */
  boolean delete(String key) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(key));
    return gateway.call("/v3/kv/deleterange", body, true).path("deleted").asLong() > 0;
  }

  /** Deletes the keys starting with {@code prefix}. */
  void deletePrefix(String prefix) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("key", Txn.b64(prefix))
        .put("range_end", Txn.b64(KeyLayout.prefixEnd(prefix)));
    gateway.call("/v3/kv/deleterange", body, true);
  }

  /** Compacts history before {@code revision}, waiting until it is applied. */
  void compact(long revision) {
    ObjectNode body = GatewayClient.JSON.createObjectNode().put("revision", Long.toString(revision))
        .put("physical", true);
    gateway.call("/v3/kv/compaction", body, true);
  }

  private static List<KeyValue> kvs(JsonNode array) {
    List<KeyValue> out = new ArrayList<>(array.size());
    for (JsonNode kv : array) {
      out.add(KeyValue.fromJson(kv));
    }
    return out;
  }
}
