package io.selvedge.engine.explain;

import java.util.List;
import java.util.Objects;

/**
 * The Felix configuration that shapes the packet path around policy (spec §3.8, §4.3, §4.8):
 * failsafe ports, the workload-to-host default, workload interface prefixes and the encapsulation
 * drops of workload egress chains. The nft renderer must honour the same values for the two to
 * agree. Immutable.
 *
 * @param failsafeInbound {@code FailsafeInboundHostPorts}
 * @param failsafeOutbound {@code FailsafeOutboundHostPorts}
 * @param endpointToHostAction {@code DefaultEndpointToHostAction}
 * @param workloadInterfacePrefixes {@code InterfacePrefix}: interfaces starting with one of these
 *     are workload interfaces
 * @param allowVxlanFromWorkloads {@code AllowVXLANPacketsFromWorkloads}; when false, workload
 *     egress drops UDP to {@code vxlanPort}
 * @param allowIpipFromWorkloads {@code AllowIPIPPacketsFromWorkloads}; when false, workload
 *     egress drops protocol 4
 * @param vxlanPort {@code VXLANPort}
 */
public record DataplaneSettings(
    List<FailsafePort> failsafeInbound,
    List<FailsafePort> failsafeOutbound,
    EndpointToHostAction endpointToHostAction,
    List<String> workloadInterfacePrefixes,
    boolean allowVxlanFromWorkloads,
    boolean allowIpipFromWorkloads,
    int vxlanPort) {

  public DataplaneSettings {
    failsafeInbound = List.copyOf(failsafeInbound);
    failsafeOutbound = List.copyOf(failsafeOutbound);
    Objects.requireNonNull(endpointToHostAction, "endpointToHostAction");
    workloadInterfacePrefixes = List.copyOf(workloadInterfacePrefixes);
    if (vxlanPort < 1 || vxlanPort > 65535) {
      throw new IllegalArgumentException("vxlanPort " + vxlanPort + " is not 1-65535");
    }
  }

  /** Felix's defaults. */
  public static DataplaneSettings defaults() {
    return new DataplaneSettings(FailsafePort.DEFAULT_INBOUND, FailsafePort.DEFAULT_OUTBOUND,
        EndpointToHostAction.DROP, List.of("cali"), false, false, 4789);
  }

  public DataplaneSettings withFailsafe(List<FailsafePort> inbound, List<FailsafePort> outbound) {
    return new DataplaneSettings(inbound, outbound, endpointToHostAction, workloadInterfacePrefixes,
        allowVxlanFromWorkloads, allowIpipFromWorkloads, vxlanPort);
  }

  public DataplaneSettings withEndpointToHostAction(EndpointToHostAction action) {
    return new DataplaneSettings(failsafeInbound, failsafeOutbound, action, workloadInterfacePrefixes,
        allowVxlanFromWorkloads, allowIpipFromWorkloads, vxlanPort);
  }

  /** Whether an interface name is a workload interface. */
  public boolean isWorkloadInterface(String name) {
    for (String p : workloadInterfacePrefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
