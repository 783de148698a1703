package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code NetworkPolicy} resource. */
public record NetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {
  public NetworkPolicy {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? PolicySpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.NETWORK_POLICY;
  }

  @Override
  public NetworkPolicy withMetadata(ObjectMeta m) {
    return new NetworkPolicy(m, spec);
  }
}
