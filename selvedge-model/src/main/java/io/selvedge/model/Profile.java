package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code Profile} resource. */
public record Profile(ObjectMeta metadata, ProfileSpec spec) implements Resource {
  public Profile {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? ProfileSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.PROFILE;
  }

  @Override
  public Profile withMetadata(ObjectMeta m) {
    return new Profile(m, spec);
  }
}
