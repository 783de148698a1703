package io.selvedge.store.etcd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.ObjectMeta;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.NetsDelta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of a resource's head key: a one-line JSON header, then (for a document of at most
 * {@link EtcdSettings#inlineBytes()}) a newline and the stored document itself
 * ({@link io.selvedge.store.StoredForm}); a larger document lives in chunk keys that
 * {@link #chunks} names.
 *
 * <p>The header repeats what writers and list filters need without reading the document:
 * store-owned metadata (to keep uid and creation time and bump generation), labels (to evaluate
 * selectors), the spec and metadata digests (to detect unchanged writes) and the id of the write
 * that produced it (to tell, after a lost connection, whether our write was applied).
 *
 * <p>A write that changed a network set's nets (labels unchanged) by a small delta also records
 * it ({@code netsDelta}, on the previous head's revision): watch events carry the head, so a
 * watcher gets the delta without reading the chunks (see {@code docs/design/big-sets.md}).
 *
 * @param chunks null if the document is inline
 * @param netsDelta null unless this write recorded one
 */
record StoredHead(String uid, String creationTimestamp, long generation, Map<String, String> labels,
    String specDigest, String metaDigest, String writeId, ChunkRef chunks, NetsDelta netsDelta) {

  /** Where a chunked document is: {@code count} chunks under one tag, {@code bytes} in all. */
  record ChunkRef(String tag, int count, long bytes, String sha256) { }

  /** A decoded head value: the header and the inline document (null if chunked). */
  record Decoded(StoredHead head, byte[] inlineDocument) { }

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  StoredHead {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(writeId, "writeId");
    // Not Map.copyOf: a label value may be null, and that must round-trip.
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** Rough size of the delta in a head (for transaction packing). */
  static long bytes(NetsDelta d) {
    long b = 64;
    for (String s : d.removed()) {
      b += s.length() + 3;
    }
    for (String s : d.added()) {
      b += s.length() + 3;
    }
    return b;
  }

  /** The store-owned metadata a following update keeps. */
  ObjectMeta storeFields() {
    return new ObjectMeta(null, null, uid, null, generation, creationTimestamp, null, null);
  }

  /** The head value: header, and the document if it is inline ({@code document} non-null). */
  byte[] encode(byte[] document) {
    if ((document == null) == (chunks == null)) {
      throw new IllegalArgumentException("a head has either an inline document or chunks");
    }
    byte[] header;
    try {
      header = MAPPER.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a head", e);
    }
    if (document == null) {
      return header;
    }
    byte[] out = Arrays.copyOf(header, header.length + 1 + document.length);
    out[header.length] = '\n';
    System.arraycopy(document, 0, out, header.length + 1, document.length);
    return out;
  }

  /**
   * @throws DatastoreException if the value is not a head this version wrote
   */
  static Decoded decode(String key, byte[] value) {
    int nl = indexOf(value, (byte) '\n');
    try {
      StoredHead h = MAPPER.readValue(value, 0, nl < 0 ? value.length : nl, StoredHead.class);
      byte[] doc = nl < 0 ? null : Arrays.copyOfRange(value, nl + 1, value.length);
      if ((doc == null) == (h.chunks() == null)) {
        throw new DatastoreException("etcd key " + key + " holds a malformed resource head");
      }
      return new Decoded(h, doc);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatastoreException d) {
        throw d;
      }
      String start = new String(value, 0, Math.min(value.length, 60), StandardCharsets.UTF_8);
      throw new DatastoreException("etcd key " + key + " does not hold a selvedge resource (starts with \""
          + start + "\"): written by another program or version?", e);
    }
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
