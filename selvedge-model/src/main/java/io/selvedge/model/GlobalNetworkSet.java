package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code GlobalNetworkSet} resource. */
public record GlobalNetworkSet(ObjectMeta metadata, NetworkSetSpec spec) implements Resource {
  public GlobalNetworkSet {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? NetworkSetSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.GLOBAL_NETWORK_SET;
  }

  @Override
  public GlobalNetworkSet withMetadata(ObjectMeta m) {
    return new GlobalNetworkSet(m, spec);
  }
}
