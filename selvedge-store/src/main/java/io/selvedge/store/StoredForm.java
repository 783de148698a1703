package io.selvedge.store;

import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
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
  /** Network sets stored in at least this many chars have their nets read by a streaming pass. */
  static final int SPLIT_AT_CHARS = 64 * 1024;

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
    if ((kind == Kind.NETWORK_SET || kind == Kind.GLOBAL_NETWORK_SET) && json.length() >= SPLIT_AT_CHARS) {
      // A million-CIDR set: the codec's tree of a million strings costs ~3x a streaming pass,
      // and what was stored needs no second validation. The rest still goes through the codec.
      StoredNets.Split split = StoredNets.split(json);
      if (split != null) {
        NetworkSetSpec spec = new NetworkSetSpec(split.nets());
        Resource rest = decode(kind, split.withoutNets());
        return rest instanceof GlobalNetworkSet g ? new GlobalNetworkSet(g.metadata(), spec)
            : new NetworkSet(((NetworkSet) rest).metadata(), spec);
      }
    }
    return decode(kind, json);
  }

  private static Resource decode(Kind kind, String json) {
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
