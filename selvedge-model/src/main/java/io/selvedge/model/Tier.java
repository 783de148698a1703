package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code Tier} resource. */
public record Tier(ObjectMeta metadata, TierSpec spec) implements Resource {
  public Tier {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? TierSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.TIER;
  }

  @Override
  public Tier withMetadata(ObjectMeta m) {
    return new Tier(m, spec);
  }
}
