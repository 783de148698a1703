package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code GlobalNetworkPolicy} resource. */
public record GlobalNetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {
  public GlobalNetworkPolicy {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? PolicySpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.GLOBAL_NETWORK_POLICY;
  }

  @Override
  public GlobalNetworkPolicy withMetadata(ObjectMeta m) {
    return new GlobalNetworkPolicy(m, spec);
  }
}
