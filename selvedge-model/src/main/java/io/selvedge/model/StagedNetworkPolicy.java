package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code StagedNetworkPolicy} resource. */
public record StagedNetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {
  public StagedNetworkPolicy {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? PolicySpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.STAGED_NETWORK_POLICY;
  }

  @Override
  public StagedNetworkPolicy withMetadata(ObjectMeta m) {
    return new StagedNetworkPolicy(m, spec);
  }
}
