package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointValidatorTest {

  private static List<String> hep(String spec) {
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: h}
        spec: SPEC
        """.replace("SPEC", spec));
  }

  private static List<String> wep(String name, String spec) {
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata: {name: NAME, namespace: default}
        spec: SPEC
        """.replace("NAME", name).replace("SPEC", spec));
  }

  @Test
  void hostEndpoints() {
    assertThat(hep("{node: n1, interfaceName: '*', expectedIPs: [10.0.0.1, '::1'], profiles: [a.b],"
        + " ports: [{name: ssh, protocol: TCP, port: 22}]}")).isEmpty();
    assertThat(hep("{}")).containsExactly(
        "spec.node: is missing (the node the host endpoint belongs to)",
        "spec.interfaceName: is missing, and so are expectedIPs (set at least one of them)");
    assertThat(hep("{node: N1, interfaceName: '..', expectedIPs: [10.0.0.0/24, ''], profiles: ['-x'],"
        + " ports: [{name: '', protocol: UDPLite, port: 0}, {name: Web, protocol: tcp, port: 70000}]}"))
        .containsExactly(
            "spec.node: \"N1\" is not a valid node name (lower-case letters, digits, '-' and '.', at most 253"
                + " characters)",
            "spec.interfaceName: \"..\" is not a valid interface name (1-15 letters, digits, '_', '.' and '-',"
                + " or \"*\" for all interfaces)",
            "spec.expectedIPs[0]: \"10.0.0.0/24\" is not an IP address: is a CIDR, not a single IP address",
            "spec.expectedIPs[1]: is empty (an IP address)",
            "spec.profiles[0]: \"-x\" is not a valid profile name (lower-case letters, digits, '-' and '.', each"
                + " dot-separated part starting and ending with a letter or digit)",
            "spec.ports[0].name: is missing (a host endpoint port needs a name)",
            "spec.ports[0].protocol: UDPLite has no ports (TCP, UDP or SCTP)",
            "spec.ports[0].port: 0 is not a valid port (1-65535)",
            "spec.ports[1].name: \"Web\" is not a valid port name: may only contain lower-case letters, digits and"
                + " '-' (" + PortValidator.PORT_NAME_RULES + ")",
            "spec.ports[1].protocol: \"tcp\" is not a valid protocol (a number 1-255 or one of TCP, UDP, ICMP,"
                + " ICMPv6, SCTP, UDPLite; names are case-sensitive)",
            "spec.ports[1].port: 70000 is not a valid port (1-65535)");
  }

  @Test
  void workloadEndpointDerivedName() {
    assertThat(wep("node1-k8s-my--pod-eth0", "{node: node1, orchestrator: k8s, pod: my-pod, endpoint: eth0,"
        + " interfaceName: cali1}")).isEmpty();
    assertThat(wep("node1-cni-abc-eth0", "{node: node1, orchestrator: cni, containerID: abc, endpoint: eth0,"
        + " interfaceName: cali1}")).isEmpty();
    assertThat(wep("nd-libnetwork-libnetwork-ep", "{node: nd, orchestrator: libnetwork, endpoint: ep,"
        + " interfaceName: cali1}")).isEmpty();
    assertThat(wep("nd-openstack-vm1-tap", "{node: nd, orchestrator: openstack, workload: vm1, endpoint: tap,"
        + " interfaceName: tap1}")).isEmpty();
    assertThat(wep("node1-k8s-pod-eth0", "{node: node1, orchestrator: k8s, pod: other, endpoint: eth0,"
        + " interfaceName: cali1}")).containsExactly(
        "metadata.name: \"node1-k8s-pod-eth0\" does not match the spec (expected \"node1-k8s-other-eth0\", derived"
            + " from node, orchestrator, pod, endpoint)");
    assertThat(wep("x", "{node: node1, interfaceName: cali1}")).containsExactly(
        "spec.orchestrator: is missing (a workload endpoint's name is derived from node, orchestrator, workload,"
            + " endpoint)",
        "spec.workload: is missing (a workload endpoint's name is derived from node, orchestrator, workload,"
            + " endpoint)",
        "spec.endpoint: is missing (a workload endpoint's name is derived from node, orchestrator, workload,"
            + " endpoint)");
  }

  @Test
  void workloadEndpointFields() {
    assertThat(wep("w", "{interfaceName: cali1, ipNetworks: [10.0.0.1, 10.0.0.2/32, '2001:db8::1/128'],"
        + " ipNATs: [{internalIP: 10.0.0.1, externalIP: 1.2.3.4}], ipv4Gateway: 10.0.0.254,"
        + " ipv6Gateway: 'fe80::1', mac: '02:00:5e:10:00:01', allowSpoofedSourcePrefixes: [10.9.9.9/8],"
        + " ports: [{name: '', protocol: UDP, port: 53, hostPort: 5353, hostIP: 10.0.0.1}]}")).isEmpty();
    assertThat(wep("w", "{interfaceName: '*', ipNetworks: [10.0.0.0/24, 10.0.0.1/24], ipv4Gateway: 'fe80::1',"
        + " ipv6Gateway: 10.0.0.1, mac: '02:00:5e:10:00', ipNATs: [{internalIP: 10.1.0.9, externalIP: ''}],"
        + " ports: [{name: '', protocol: TCP, port: 80, hostPort: 0, hostIP: ''}]}")).containsExactly(
        "spec.ipNetworks[0]: \"10.0.0.0/24\" contains more than one address (use a /32 or /128)",
        "spec.ipNetworks[1]: \"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)",
        "spec.ipNATs[0].externalIP: is empty (an IP address)",
        "spec.ipNATs[0].internalIP: \"10.1.0.9\" is not one of the endpoint's ipNetworks (a NAT maps one of the"
            + " endpoint's own addresses)",
        "spec.ipv4Gateway: \"fe80::1\" is an IPv6 address (want an IPv4 address)",
        "spec.ipv6Gateway: \"10.0.0.1\" is an IPv4 address (want an IPv6 address)",
        "spec.interfaceName: \"*\" is not allowed here (a workload endpoint has exactly one interface)",
        "spec.mac: \"02:00:5e:10:00\" is not a MAC address (e.g. 02:00:5e:10:00:01)",
        "spec.ports[0].name: is missing (a port needs a name unless it maps a hostPort)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"02:00:5e:10:00:01", "02-00-5E-10-00-01", "0200.5e10.0001", "02:00:5e:10:00:00:00:01",
      "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01"})
  void macAddressesGoAccepts(String mac) {
    assertThat(WorkloadEndpointValidator.isMac(mac)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"02:00:5e:10:00", "02:00-5e:10:00:01", "02:00:5e:10:00:0g", "0200.5e10.00011",
      "02:00:5e:10:00:01:", " 02:00:5e:10:00:01", "02:00:5e:10:00:01:02"})
  void macAddressesGoRejects(String mac) {
    assertThat(WorkloadEndpointValidator.isMac(mac)).isFalse();
  }
}
