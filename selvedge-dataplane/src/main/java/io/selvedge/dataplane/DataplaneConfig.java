package io.selvedge.dataplane;

import java.util.List;
import java.util.Objects;

/**
 * The Felix configuration that shapes the rendered table around policy (spec §3.8, §4.3, §4.8,
 * §4.10): failsafe ports, the workload-to-host default, the workload interface prefixes, the
 * encapsulation drops of workload egress, the mark bits Selvedge may use, the Log action's
 * prefix, and the set layout's prefix-expansion budget. The flow evaluator must be given the same
 * values for the two to agree. Immutable.
 *
 * @param failsafeInbound {@code FailsafeInboundHostPorts}
 * @param failsafeOutbound {@code FailsafeOutboundHostPorts}
 * @param endpointToHostAction {@code DefaultEndpointToHostAction}
 * @param workloadInterfacePrefixes {@code InterfacePrefix}: interfaces whose name starts with one
 *     of these are workload interfaces (never host endpoints)
 * @param allowVxlanFromWorkloads when false, workload egress drops UDP to {@code vxlanPort}
 * @param allowIpipFromWorkloads when false, workload egress drops IP protocol 4
 * @param vxlanPort {@code VXLANPort}
 * @param markMask {@code NftablesMarkMask}: the accept and pass bits are its two lowest set bits
 * @param logPrefix prefix of the Log action's kernel log lines ({@code LogPrefix})
 * @param cpeBudget how much the controlled prefix expansion of IP sets may grow the element
 *     count (0.25 = 25 %, {@code docs/design/ip-sets.md}); 0 disables it
 */
public record DataplaneConfig(
        List<FailsafePort> failsafeInbound,
        List<FailsafePort> failsafeOutbound,
        EndpointToHostAction endpointToHostAction,
        List<String> workloadInterfacePrefixes,
        boolean allowVxlanFromWorkloads,
        boolean allowIpipFromWorkloads,
        int vxlanPort,
        long markMask,
        String logPrefix,
        double cpeBudget) {

    public DataplaneConfig {
        failsafeInbound = List.copyOf(failsafeInbound);
        failsafeOutbound = List.copyOf(failsafeOutbound);
        Objects.requireNonNull(endpointToHostAction, "endpointToHostAction");
        workloadInterfacePrefixes = List.copyOf(workloadInterfacePrefixes);
        for (String p : workloadInterfacePrefixes) {
            if (!p.matches("[A-Za-z0-9_.-]{1,14}")) {
                throw new IllegalArgumentException("workload interface prefix \"" + p + "\" is not 1-14 of A-Z a-z 0-9 _ . -");
            }
        }
        if (vxlanPort < 1 || vxlanPort > 65535) {
            throw new IllegalArgumentException("vxlanPort " + vxlanPort + " is not 1-65535");
        }
        if (Long.bitCount(markMask & 0xFFFF_FFFFL) < 2 || (markMask & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("mark mask 0x" + Long.toHexString(markMask) + " needs at least two bits of 32");
        }
        Objects.requireNonNull(logPrefix, "logPrefix");
        if (!(cpeBudget >= 0 && cpeBudget <= 4)) {
            throw new IllegalArgumentException("cpeBudget " + cpeBudget + " is not 0..4");
        }
    }

    /** Felix's defaults; CPE budget 25 %. */
    public static DataplaneConfig defaults() {
        return new DataplaneConfig(FailsafePort.DEFAULT_INBOUND, FailsafePort.DEFAULT_OUTBOUND, EndpointToHostAction.DROP,
                List.of("cali"), false, false, 4789, 0xFFFF_0000L, "selvedge-packet", 0.25);
    }

    public DataplaneConfig withFailsafe(List<FailsafePort> inbound, List<FailsafePort> outbound) {
        return new DataplaneConfig(inbound, outbound, endpointToHostAction, workloadInterfacePrefixes, allowVxlanFromWorkloads,
                allowIpipFromWorkloads, vxlanPort, markMask, logPrefix, cpeBudget);
    }

    public DataplaneConfig withEndpointToHostAction(EndpointToHostAction action) {
        return new DataplaneConfig(failsafeInbound, failsafeOutbound, action, workloadInterfacePrefixes, allowVxlanFromWorkloads,
                allowIpipFromWorkloads, vxlanPort, markMask, logPrefix, cpeBudget);
    }

    public DataplaneConfig withWorkloadInterfacePrefixes(List<String> prefixes) {
        return new DataplaneConfig(failsafeInbound, failsafeOutbound, endpointToHostAction, prefixes, allowVxlanFromWorkloads,
                allowIpipFromWorkloads, vxlanPort, markMask, logPrefix, cpeBudget);
    }

    public DataplaneConfig withCpeBudget(double budget) {
        return new DataplaneConfig(failsafeInbound, failsafeOutbound, endpointToHostAction, workloadInterfacePrefixes,
                allowVxlanFromWorkloads, allowIpipFromWorkloads, vxlanPort, markMask, logPrefix, budget);
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
