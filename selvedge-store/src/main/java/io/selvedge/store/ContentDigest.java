package io.selvedge.store;

import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 digests of the user-owned parts of a resource, so a backend can tell whether a write
 * changes anything (and whether the spec changed, which bumps {@code generation}) without
 * reading back and decoding what it stored (a 1M-CIDR set is ~20 MB of JSON).
 *
 * <p>{@link #spec} digests the stored JSON form of the spec; {@link #metadata} digests labels and
 * annotations as sorted maps (so key order does not count as a change). Cost: one extra JSON
 * serialisation of the spec. Stateless; thread-safe.
 */
public final class ContentDigest {
  private ContentDigest() {}

  /** Digest of the spec (the resource's stored JSON with metadata reduced to its key, without status). */
  public static String spec(Resource r) {
    ObjectMeta keyOnly = ObjectMeta.named(r.metadata().namespace(), r.metadata().name());
    return hex(StoredForm.toJson(r.withoutStatus().withMetadata(keyOnly)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Digest of labels and annotations, independent of their order, and of the status (for kinds
   * that have one): a status-only write is a change, but not of the spec, so it does not bump
   * {@code generation}.
   */
  public static String metadata(Resource r) {
    StringBuilder sb = new StringBuilder();
    append(sb, 'l', r.metadata().labels());
    append(sb, 'a', r.metadata().annotations());
    if (r.status() != null) {
      ObjectMeta keyOnly = ObjectMeta.named(r.metadata().namespace(), r.metadata().name());
      sb.append('s').append(StoredForm.toJson(r.withMetadata(keyOnly)));
    }
    return hex(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void append(StringBuilder sb, char tag, Map<String, String> map) {
    // Length-prefixed, so no choice of keys and values can make two maps encode alike.
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      String v = e.getValue();
      sb.append(tag).append(e.getKey().length()).append(':').append(e.getKey());
      sb.append(v == null ? "-" : v.length() + ":" + v);
    }
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
