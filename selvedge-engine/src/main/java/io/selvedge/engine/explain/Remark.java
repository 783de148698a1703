package io.selvedge.engine.explain;

/**
 * A packet-path behaviour that is not a policy rule, with the text shown in traces (spec §3.8,
 * §4.4, §4.8, §5).
 */
public enum Remark {
  HOST_TO_LOCAL_WORKLOAD("host to local workload traffic is not policed (filter output returns early for workload "
      + "interfaces)"),
  NO_HOST_ENDPOINT("no host endpoint on this interface: not policed"),
  LOOPBACK("host to itself: not policed"),
  UNKNOWN_WORKLOAD_INTERFACE("workload interface without a workload endpoint: dropped (\"Unknown interface\")"),
  RPF_FAILED("source address is not one of the workload's addresses: dropped by the reverse-path check"),
  ICMPV6_ROUTER("ICMPv6 router/neighbour discovery from a workload to the host: always allowed"),
  VXLAN_FROM_WORKLOAD("VXLAN packet from a workload: dropped (AllowVXLANPacketsFromWorkloads is false)"),
  IPIP_FROM_WORKLOAD("IP-in-IP packet from a workload: dropped (AllowIPIPPacketsFromWorkloads is false)"),
  ENDPOINT_TO_HOST_DROP("workload to host: DefaultEndpointToHostAction is DROP"),
  ENDPOINT_TO_HOST_ACCEPT("workload to host: DefaultEndpointToHostAction lets it through (host endpoint policy "
      + "does not apply)"),
  ALREADY_ACCEPTED("already accepted by untracked or preDNAT policy: host endpoint ingress policy skipped"),
  UNTRACKED_ACCEPTED("accepted by untracked policy: not tracked, so replies need their own rule"),
  FORWARD_DEFAULT_ALLOW("no applyOnForward policy in this direction: forwarded traffic allowed by default"),
  NO_ENDPOINT("no known endpoint on either side: no Calico policy applies");

  private final String text;

  Remark(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
