package io.selvedge.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.Profile;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.WorkloadEndpoint;

/**
 * The form in which every backend stores a resource: the project's JSON of it (what
 * {@code selvedge get -o json} prints), without {@code resourceVersion} (see
 * {@link StoreFields}). One place, so SQLite and etcd store byte-identical documents.
 * Thread-safe.
 */
public final class StoredForm {
  private StoredForm() {}

  // TODO(codec): switch to io.selvedge.codec.ResourceCodec when it lands in main.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The stored JSON of a resource (its resourceVersion left out). */
  public static String toJson(Resource r) {
    Resource bare = r.metadata().resourceVersion() == null ? r
        : r.withMetadata(r.metadata().withStoreFields(r.metadata().uid(), null,
            r.metadata().generation(), r.metadata().creationTimestamp()));
    try {
      return MAPPER.writeValueAsString(bare);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + r.kind().apiName() + " " + r.qualifiedName(), e);
    }
  }

  /**
   * Decodes what {@link #toJson} wrote.
   *
   * @throws DatastoreException if the stored document does not decode (a corrupt store, or one
   *     written by an incompatible version)
   */
  public static Resource fromJson(Kind kind, String json) {
    try {
      return MAPPER.readValue(json, recordClass(kind));
    } catch (JsonProcessingException e) {
      throw new DatastoreException("a stored " + kind.apiName() + " does not decode: " + e.getOriginalMessage(), e);
    }
  }

  private static Class<? extends Resource> recordClass(Kind kind) {
    return switch (kind) {
      case NETWORK_POLICY -> NetworkPolicy.class;
      case GLOBAL_NETWORK_POLICY -> GlobalNetworkPolicy.class;
      case STAGED_NETWORK_POLICY -> StagedNetworkPolicy.class;
      case STAGED_GLOBAL_NETWORK_POLICY -> StagedGlobalNetworkPolicy.class;
      case NETWORK_SET -> NetworkSet.class;
      case GLOBAL_NETWORK_SET -> GlobalNetworkSet.class;
      case HOST_ENDPOINT -> HostEndpoint.class;
      case WORKLOAD_ENDPOINT -> WorkloadEndpoint.class;
      case PROFILE -> Profile.class;
      case TIER -> Tier.class;
    };
  }
}
