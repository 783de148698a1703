package io.selvedge.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One etcd key-value pair as the gateway returns it ({@code mvccpb.KeyValue}): the key, its
 * value (empty for keys-only reads and deletions) and its revisions.
 */
record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {

  static KeyValue fromJson(JsonNode kv) {
    String key = new String(Base64.getDecoder().decode(kv.path("key").asText()), StandardCharsets.UTF_8);
    String v = kv.path("value").asText("");
    byte[] value = v.isEmpty() ? new byte[0] : Base64.getDecoder().decode(v);
    return new KeyValue(key, value, kv.path("create_revision").asLong(), kv.path("mod_revision").asLong(),
        kv.path("version").asLong());
  }
}
