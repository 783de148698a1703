package io.selvedge.store.etcd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An etcd transaction being built: compares, then the operations run if all compares hold
 * ({@code success}) or if one does not ({@code failure}). Counts what etcd limits (operations
 * per list, request bytes) so writers can pack batches. Renders the gateway's JSON. Not
 * thread-safe.
 */
final class Txn {
  /** Our estimate of protobuf bytes per operation beyond its key and value. */
  private static final int OP_OVERHEAD = 24;

  private final ObjectNode body = GatewayClient.JSON.createObjectNode();
  private final ArrayNode compares = body.putArray("compare");
  private final ArrayNode success = body.putArray("success");
  private final ArrayNode failure = body.putArray("failure");
  private long bytes;

  /** Holds if {@code key} does not exist. */
  Txn absent(String key) {
    return compare(key, "CREATE", "create_revision", 0, "EQUAL");
  }

  /** Holds if {@code key} was last written at {@code revision}. */
  Txn modifiedAt(String key, long revision) {
    return compare(key, "MOD", "mod_revision", revision, "EQUAL");
  }

  /** Holds if {@code key} exists. */
  Txn exists(String key) {
    return compare(key, "VERSION", "version", 0, "GREATER");
  }

  private Txn compare(String key, String target, String field, long value, String result) {
    ObjectNode c = compares.addObject();
    c.put("key", b64(key)).put("target", target).put(field, Long.toString(value)).put("result", result);
    bytes += key.length() + OP_OVERHEAD;
    return this;
  }

  Txn put(String key, byte[] value) {
    success.addObject().putObject("request_put").put("key", b64(key))
        .put("value", Base64.getEncoder().encodeToString(value));
    bytes += key.length() + value.length + OP_OVERHEAD;
    return this;
  }

  Txn delete(String key) {
    success.addObject().putObject("request_delete_range").put("key", b64(key));
    bytes += key.length() + OP_OVERHEAD;
    return this;
  }

  /** Deletes every key starting with {@code prefix}. */
  Txn deletePrefix(String prefix) {
    success.addObject().putObject("request_delete_range").put("key", b64(prefix))
        .put("range_end", b64(KeyLayout.prefixEnd(prefix)));
    bytes += 2 * prefix.length() + OP_OVERHEAD;
    return this;
  }

  /** Reads {@code key} if a compare fails (so a failed txn tells what is there now). */
  Txn getOnFailure(String key) {
    failure.addObject().putObject("request_range").put("key", b64(key));
    bytes += key.length() + OP_OVERHEAD;
    return this;
  }

  /** Reads {@code key} in the success branch (read-only transactions). */
  Txn get(String key) {
    success.addObject().putObject("request_range").put("key", b64(key));
    bytes += key.length() + OP_OVERHEAD;
    return this;
  }

  int compareCount() {
    return compares.size();
  }

  int successCount() {
    return success.size();
  }

  int failureCount() {
    return failure.size();
  }

  boolean isEmpty() {
    return success.isEmpty() && failure.isEmpty() && compares.isEmpty();
  }

  /** Estimated request size in bytes. */
  long bytes() {
    return bytes;
  }

  ObjectNode toJson() {
    return body;
  }

  static String b64(String key) {
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }
}
