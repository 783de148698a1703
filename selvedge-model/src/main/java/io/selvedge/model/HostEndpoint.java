package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code HostEndpoint} resource. */
public record HostEndpoint(ObjectMeta metadata, HostEndpointSpec spec) implements Resource {
  public HostEndpoint {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? HostEndpointSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.HOST_ENDPOINT;
  }

  @Override
  public HostEndpoint withMetadata(ObjectMeta m) {
    return new HostEndpoint(m, spec);
  }
}
