package io.selvedge.dataplane;

/**
 * Felix's {@code DefaultEndpointToHostAction}: what happens to traffic from a workload to its own
 * host once the workload's egress policy allowed it (spec §3.8, G16). Host endpoint policy never
 * applies to that traffic. {@code DROP} is Felix's default. {@code RETURN} hands the packet back
 * to the rest of the host's input path; Selvedge owns nothing after it in its table, so in
 * {@code table inet selvedge} it renders the same as {@code ACCEPT}.
 */
public enum EndpointToHostAction {
    DROP,
    RETURN,
    ACCEPT
}
