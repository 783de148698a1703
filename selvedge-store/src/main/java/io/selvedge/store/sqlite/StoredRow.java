package io.selvedge.store.sqlite;

import io.selvedge.model.ObjectMeta;

/**
 * The bookkeeping columns of one {@code resources} row: enough to decide a write (precondition,
 * changed or not, generation) without reading the resource's JSON.
 */
record StoredRow(String uid, long generation, String createdAt, long createRev, long modRev,
    String specDigest, String metaDigest) {

  /** The store-owned metadata, as {@link io.selvedge.store.StoreFields#forUpdate} needs it. */
  ObjectMeta storeFields() {
    return new ObjectMeta(null, null, uid, Long.toString(modRev), generation, createdAt, null, null);
  }
}
