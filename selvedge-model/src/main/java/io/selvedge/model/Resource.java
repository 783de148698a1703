package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A {@code projectcalico.org/v3} resource. One record per kind; the policy kinds share
 * {@link PolicySpec}. Serialises as {@code apiVersion, kind, metadata, spec}.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public sealed interface Resource permits NetworkPolicy, GlobalNetworkPolicy, StagedNetworkPolicy,
    StagedGlobalNetworkPolicy, NetworkSet, GlobalNetworkSet, HostEndpoint, WorkloadEndpoint,
    Profile, Tier, GlobalThreatFeed {

  @JsonProperty("apiVersion")
  default String apiVersion() {
    return Kind.API_VERSION;
  }

  /** The kind; serialised as its API name. */
  Kind kind();

  @JsonProperty("kind")
  default String kindName() {
    return kind().apiName();
  }

  ObjectMeta metadata();

  Object spec();

  /**
   * What a controller reports about the resource (Kubernetes' status subresource), or null for
   * kinds without one. Not user-owned: user writes keep the stored status, and a change of status
   * alone does not bump {@code generation}.
   */
  default Object status() {
    return null;
  }

  /** A copy without status (itself for kinds without one). */
  default Resource withoutStatus() {
    return this;
  }

  /** A copy with other metadata (the datastore fills resourceVersion, uid, ...). */
  Resource withMetadata(ObjectMeta metadata);

  /** {@code namespace/name} for namespaced kinds, {@code name} otherwise. */
  default String qualifiedName() {
    return kind().namespaced() && metadata().namespace() != null
        ? metadata().namespace() + "/" + metadata().name()
        : metadata().name();
  }
}
