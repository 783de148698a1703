package io.selvedge.store.etcd;

import io.selvedge.store.ResourceKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores documents too large for one etcd request as chunk keys (see
 * {@code docs/design/etcd-layout.md}): each version of a resource gets a fresh tag (creation
 * time + random), its chunks are written under that tag before the head that names them, and
 * they are never changed afterwards, only deleted as a whole. So a reader that found a head can
 * read its chunks at any revision at which they exist, and a SHA-256 over the whole document
 * proves it got them all.
 *
 * <p>Chunks of a writer that died before switching the head are orphans; {@link #collectOrphans}
 * deletes tags older than {@link #ORPHAN_AGE_MILLIS} that no head names. Thread-safe.
 */
final class ChunkStore {
  /** A writer still writing chunks after this long is presumed dead. */
  static final long ORPHAN_AGE_MILLIS = 10 * 60 * 1000L;
  /** Chunks per read request (each at most {@link EtcdSettings#chunkBytes()}). */
  private static final int CHUNKS_PER_READ = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KvClient kv;
  private final int chunkBytes;

  ChunkStore(KvClient kv, int chunkBytes) {
    this.kv = kv;
    this.chunkBytes = chunkBytes;
  }

  /** A new tag: creation time (hex millis, so tags sort by age) and 64 random bits. */
  static String newTag(long nowMillis) {
    return String.format("%012x-%016x", nowMillis, RANDOM.nextLong());
  }

  /** Writes {@code document} as chunks under {@code tag}; returns the reference for the head. */
  StoredHead.ChunkRef write(ResourceKey key, String tag, byte[] document) {
    int count = (document.length + chunkBytes - 1) / chunkBytes;
    for (int i = 0; i < count; i++) {
      int from = i * chunkBytes;
      byte[] part = java.util.Arrays.copyOfRange(document, from, Math.min(document.length, from + chunkBytes));
      kv.put(KeyLayout.chunk(key, tag, i), part);
    }
    return new StoredHead.ChunkRef(tag, count, document.length, sha256(document));
  }

  /**
   * Reads a chunked document: at {@code revision} if history there is still kept, else at the
   * latest revision (chunks never change, so either gives the same bytes).
   *
   * @return empty if the chunks are gone (the head was replaced and its chunks deleted since)
   */
  Optional<byte[]> read(ResourceKey key, StoredHead.ChunkRef ref, long revision) {
    try {
      return readAt(key, ref, revision);
    } catch (GatewayException e) {
      if (e.kind() != GatewayException.Kind.COMPACTED) {
        throw e;
      }
      return readAt(key, ref, 0);
    }
  }

  private Optional<byte[]> readAt(ResourceKey key, StoredHead.ChunkRef ref, long revision) {
    String prefix = KeyLayout.chunkTag(key, ref.tag());
    String end = KeyLayout.prefixEnd(prefix);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, ref.bytes()));
    String from = prefix;
    long at = revision;
    int seen = 0;
    while (true) {
      KvClient.Range r = kv.range(from, end, at, CHUNKS_PER_READ, false);
      at = at == 0 ? r.revision() : at; // later pages at the same revision
      for (KeyValue c : r.kvs()) {
        if (!c.key().equals(KeyLayout.chunk(key, ref.tag(), seen))) {
          return Optional.empty();
        }
        out.write(c.value(), 0, c.value().length);
        seen++;
      }
      if (!r.more() || r.kvs().isEmpty()) {
        break;
      }
      from = r.kvs().get(r.kvs().size() - 1).key() + "\0";
    }
    byte[] doc = out.toByteArray();
    if (seen != ref.count() || doc.length != ref.bytes() || !sha256(doc).equals(ref.sha256())) {
      return Optional.empty();
    }
    return Optional.of(doc);
  }

  /** Deletes one version's chunks (best effort for a write that failed). */
  void deleteQuietly(ResourceKey key, String tag) {
    try {
      kv.deletePrefix(KeyLayout.chunkTag(key, tag));
    } catch (RuntimeException ignored) {
      // orphans are collected later
    }
  }

  /**
   * Deletes tags of this resource that its head does not name and that are older than
   * {@link #ORPHAN_AGE_MILLIS} (left by writers that died). The delete is a txn conditional on
   * the head being unchanged, and a writer's head switch is conditional on its first chunk still
   * existing, so this never removes chunks that a head names. Best effort.
   */
  void collectOrphans(ResourceKey key, long nowMillis, int maxOps) {
    try {
      String headKey = KeyLayout.head(key);
      KvClient.Range head = kv.get(headKey);
      String headTag = null;
      long headRevision = 0;
      if (!head.kvs().isEmpty()) {
        KeyValue h = head.kvs().get(0);
        headRevision = h.modRevision();
        StoredHead.ChunkRef ref = StoredHead.decode(h.key(), h.value()).head().chunks();
        headTag = ref == null ? null : ref.tag();
      }
      String prefix = KeyLayout.chunks(key);
      Set<String> stale = new TreeSet<>();
      for (KeyValue c : kv.range(prefix, KeyLayout.prefixEnd(prefix), 0, 0, true).kvs()) {
        String rest = c.key().substring(prefix.length());
        int slash = rest.indexOf('/');
        String tag = slash > 0 ? rest.substring(0, slash) : rest;
        if (!tag.equals(headTag) && tagMillis(tag) + ORPHAN_AGE_MILLIS < nowMillis) {
          stale.add(tag);
        }
      }
      if (stale.isEmpty()) {
        return;
      }
      Txn txn = new Txn();
      if (headRevision == 0) {
        txn.absent(headKey);
      } else {
        txn.modifiedAt(headKey, headRevision);
      }
      for (String tag : stale) {
        if (txn.successCount() < maxOps) {
          txn.deletePrefix(KeyLayout.chunkTag(key, tag));
        }
      }
      kv.txn(txn, false);
    } catch (RuntimeException ignored) {
      // best effort: tried again on the next large write of this resource
    }
  }

  private static long tagMillis(String tag) {
    try {
      return Long.parseLong(tag.substring(0, tag.indexOf('-')), 16);
    } catch (RuntimeException e) {
      return 0; // not ours: old enough
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
