package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A {@code WorkloadEndpoint} resource. */
public record WorkloadEndpoint(ObjectMeta metadata, WorkloadEndpointSpec spec) implements Resource {
  public WorkloadEndpoint {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? WorkloadEndpointSpec.EMPTY : spec;
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.WORKLOAD_ENDPOINT;
  }

  @Override
  public WorkloadEndpoint withMetadata(ObjectMeta m) {
    return new WorkloadEndpoint(m, spec);
  }
}
