package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Spec of a WorkloadEndpoint in Calico's etcd-mode form. */
@JsonPropertyOrder({"orchestrator", "workload", "node", "containerID", "pod", "endpoint",
    "serviceAccountName", "ipNetworks", "ipNATs", "ipv4Gateway", "ipv6Gateway", "profiles",
    "interfaceName", "mac", "ports", "allowSpoofedSourcePrefixes", "qosControls"})
public record WorkloadEndpointSpec(
    String orchestrator,
    String workload,
    String node,
    @JsonProperty("containerID") String containerID,
    String pod,
    String endpoint,
    String serviceAccountName,
    List<String> ipNetworks,
    @JsonProperty("ipNATs") List<IpNat> ipNATs,
    String ipv4Gateway,
    String ipv6Gateway,
    List<String> profiles,
    String interfaceName,
    String mac,
    List<WorkloadEndpointPort> ports,
    List<String> allowSpoofedSourcePrefixes,
    QosControls qosControls) {
  public static final WorkloadEndpointSpec EMPTY = new WorkloadEndpointSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);


  public WorkloadEndpointSpec {
    ipNetworks = Immutable.list(ipNetworks);
    ipNATs = Immutable.list(ipNATs);
    profiles = Immutable.list(profiles);
    ports = Immutable.list(ports);
    allowSpoofedSourcePrefixes = Immutable.list(allowSpoofedSourcePrefixes);
  }

  /** A 1:1 NAT of an endpoint address. */
  @JsonPropertyOrder({"internalIP", "externalIP"})
  public record IpNat(@JsonProperty("internalIP") String internalIP, @JsonProperty("externalIP") String externalIP) {}

  /** A named (or host-mapped) port of a workload. */
  @JsonPropertyOrder({"name", "protocol", "port", "hostPort", "hostIP"})
  public record WorkloadEndpointPort(String name, Protocol protocol, int port, int hostPort,
      @JsonProperty("hostIP") String hostIP) {}

  /** Bandwidth, packet-rate and connection limits; stored, not enforced by Selvedge yet. */
  @JsonPropertyOrder({"ingressBandwidth", "egressBandwidth", "ingressBurst", "egressBurst",
      "ingressPeakrate", "egressPeakrate", "ingressMinburst", "egressMinburst",
      "ingressPacketRate", "egressPacketRate", "ingressPacketBurst", "egressPacketBurst",
      "ingressMaxConnections", "egressMaxConnections", "dscp"})
  public record QosControls(Long ingressBandwidth, Long egressBandwidth, Long ingressBurst,
      Long egressBurst, Long ingressPeakrate, Long egressPeakrate, Long ingressMinburst,
      Long egressMinburst, Long ingressPacketRate, Long egressPacketRate, Long ingressPacketBurst,
      Long egressPacketBurst, Long ingressMaxConnections, Long egressMaxConnections, Object dscp) {}
}
