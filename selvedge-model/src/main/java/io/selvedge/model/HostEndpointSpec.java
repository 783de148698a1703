package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Spec of a HostEndpoint: an interface (or {@code *}) and/or expected IPs of one node. */
@JsonPropertyOrder({"node", "interfaceName", "expectedIPs", "profiles", "ports"})
public record HostEndpointSpec(
    String node,
    String interfaceName,
    @com.fasterxml.jackson.annotation.JsonProperty("expectedIPs") List<String> expectedIPs,
    List<String> profiles,
    List<EndpointPort> ports) {
  public static final HostEndpointSpec EMPTY = new HostEndpointSpec(null, null, null, null, null);


  public HostEndpointSpec {
    expectedIPs = Immutable.list(expectedIPs);
    profiles = Immutable.list(profiles);
    ports = Immutable.list(ports);
  }
}
