package io.selvedge.store;

import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The rules for store-owned metadata, shared by every backend so they fill it in identically:
 * {@code uid} (random UUID on create, kept), {@code creationTimestamp} (RFC 3339 UTC, seconds,
 * kept), {@code generation} (1 on create, +1 when the spec changes) and {@code resourceVersion}
 * (the revision of the last write). Backends store a resource without its resourceVersion and
 * add it on read from the revision they keep beside it (as Calico does with etcd's
 * mod_revision). Stateless; thread-safe.
 */
public final class StoreFields {
  private StoreFields() {}

  /** The resource as first created: new uid, generation 1, creation time {@code now}. */
  public static Resource forCreate(Resource r, Instant now) {
    ObjectMeta m = r.metadata();
    return r.withMetadata(m.withStoreFields(UUID.randomUUID().toString(), null, 1L, timestamp(now)));
  }

  /**
   * The resource replacing a stored one: uid and creation time kept, generation bumped if the
   * spec changed.
   */
  public static Resource forUpdate(Resource r, ObjectMeta stored, boolean specChanged) {
    long gen = stored.generation() == null ? 1L : stored.generation();
    return r.withMetadata(r.metadata().withStoreFields(
        stored.uid(), null, specChanged ? gen + 1 : gen, stored.creationTimestamp()));
  }

  /** The resource as a reader sees it: with {@code resourceVersion} set to {@code revision}. */
  public static Resource withRevision(Resource r, long revision) {
    ObjectMeta m = r.metadata();
    return r.withMetadata(m.withStoreFields(m.uid(), Long.toString(revision), m.generation(), m.creationTimestamp()));
  }

  /** {@code 2025-01-02T03:04:05Z}: Kubernetes' metav1.Time format. */
  public static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The resourceVersion a write carries as its precondition, or null for none. */
  public static String expectedVersion(Resource r) {
    String rv = r.metadata().resourceVersion();
    return rv == null || rv.isBlank() ? null : rv.trim();
  }
}
