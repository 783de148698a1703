package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code StagedGlobalNetworkPolicy} resource. */
public record StagedGlobalNetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {
  public StagedGlobalNetworkPolicy {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? PolicySpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.STAGED_GLOBAL_NETWORK_POLICY;
  }

  @Override
  public StagedGlobalNetworkPolicy withMetadata(ObjectMeta m) {
    return new StagedGlobalNetworkPolicy(m, spec);
  }
}
