package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code NetworkSet} resource. */
public record NetworkSet(ObjectMeta metadata, NetworkSetSpec spec) implements Resource {
  public NetworkSet {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? NetworkSetSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.NETWORK_SET;
  }

  @Override
  public NetworkSet withMetadata(ObjectMeta m) {
    return new NetworkSet(m, spec);
  }
}
