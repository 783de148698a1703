package io.selvedge.store;

import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;

/**
 * The form in which every backend stores a resource: exactly what {@code selvedge get -o json}
 * prints ({@link ResourceCodec#toJson(Resource)}), without {@code resourceVersion}, which
 * backends keep beside the document (see {@link StoreFields}). One place, so SQLite and etcd
 * store identical documents, and what is stored decodes through the same strict codec users'
 * files go through. (A compact re-serialisation would be 30% smaller for big network sets, but
 * would format numbers differently from the codec; exactness wins.) Thread-safe.
 */
public final class StoredForm {
  private StoredForm() {}

  /**
   * Stored documents were written by {@link #toJson}, so the input-size limit meant for user
   * files does not apply (SQLite caps a value at 1 GB anyway).
   */
  private static final ResourceCodec CODEC = ResourceCodec.strict().withMaxInputBytes(Long.MAX_VALUE);
  private static final String SOURCE = "the datastore";

  /** The stored JSON of a resource (its resourceVersion left out). */
  public static String toJson(Resource r) {
    Resource bare = r.metadata().resourceVersion() == null ? r
        : r.withMetadata(r.metadata().withStoreFields(r.metadata().uid(), null,
            r.metadata().generation(), r.metadata().creationTimestamp()));
    return CODEC.toJson(bare);
  }

  /**
   * Decodes what {@link #toJson} wrote.
   *
   * @throws DatastoreException if the stored document does not decode as one {@code kind}
   *     (a corrupt store, or one written by an incompatible version)
   */
  public static Resource fromJson(Kind kind, String json) {
    DecodeResult result = CODEC.decode(SOURCE, json);
    if (!result.ok()) {
      throw new DatastoreException("a stored " + kind.apiName() + " does not decode (written by another version"
          + " of selvedge?): " + result.problems().get(0).format());
    }
    if (result.resources().size() != 1 || result.resources().get(0).resource().kind() != kind) {
      throw new DatastoreException("a stored " + kind.apiName() + " decodes as "
          + result.resourceList().stream().map(r -> r.kind().apiName()).toList());
    }
    return result.resources().get(0).resource();
  }
}
