package io.selvedge.store.etcd;

import io.selvedge.store.DatastoreUrl;
import java.util.List;

/** Direct key access to a test etcd, below the datastore (to inspect and to plant keys). */
final class RawEtcd {
  private final KvClient kv;

  private RawEtcd(KvClient kv) {
    this.kv = kv;
  }

  static RawEtcd of(DatastoreUrl url) {
    return new RawEtcd(new KvClient(new GatewayClient(url, null, EtcdSettings.defaults())));
  }

  /** Deletes every key of the cluster. */
  void deleteEverything() {
    com.fasterxml.jackson.databind.node.ObjectNode body = GatewayClient.JSON.createObjectNode()
        .put("key", "AA==").put("range_end", "AA==");
    kv.gateway().call("/v3/kv/deleterange", body, true);
  }

  KeyValue get(String key) {
    List<KeyValue> kvs = kv.get(key).kvs();
    return kvs.isEmpty() ? null : kvs.get(0);
  }

  List<String> keys(String prefix) {
    return kv.range(prefix, KeyLayout.prefixEnd(prefix), 0, 0, true).kvs().stream().map(KeyValue::key).toList();
  }

  /** Whether the member behind this (single-endpoint) URL is the cluster's leader. */
  boolean isLeader() {
    com.fasterxml.jackson.databind.JsonNode st = kv.gateway().call("/v3/maintenance/status",
        GatewayClient.JSON.createObjectNode(), true);
    return st.path("leader").asText().equals(st.path("header").path("member_id").asText());
  }

  void put(String key, byte[] value) {
    kv.put(key, value);
  }
}
