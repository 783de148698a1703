package io.selvedge.engine.explain;

import static io.selvedge.engine.explain.Decision.ALLOW;
import static io.selvedge.engine.explain.Decision.DENY;
import static io.selvedge.engine.explain.Scenario.HOST;
import static io.selvedge.engine.explain.Scenario.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.ProfileId;
import org.junit.jupiter.api.Test;

/** Every gotcha of spec §5 that shows in a verdict, one test each, named by its number. */
class GotchaVerdictTest {
  /** Pods c (ns2) and d (ns1, app d) next to PODS' a and b. */
  private static final String MORE_PODS = """
      kind: WorkloadEndpoint
      metadata: {name: c, namespace: ns2, labels: {app: c}}
      spec: {node: node1, orchestrator: k8s, interfaceName: cali-c, ipNetworks: [10.0.0.3/32], profiles: [allow-all]}
      ---
      kind: WorkloadEndpoint
      metadata: {name: d, namespace: ns1, labels: {app: d}}
      spec: {node: node1, orchestrator: k8s, interfaceName: cali-d, ipNetworks: [10.0.0.4/32], profiles: [allow-all]}
      """;

  private static Flow to(String dst, String src) {
    return Flow.tcp(src, 40000, dst, 80);
  }

  @Test
  void g3_networkPolicyNotSelectorOnlyMatchesItsOwnNamespace() {
    String rule = "ingress: [{action: Deny, source: {notSelector: app == 'a'}}, {action: Allow}]";
    Scenario np = Scenario.of(PODS, MORE_PODS, """
        kind: NetworkPolicy
        metadata: {name: not-a, namespace: ns1}
        spec: {selector: app == 'b', %s}
        """.formatted(rule));
    np.expect(to("10.0.0.2", "10.0.0.1"), ALLOW)
        .expect(to("10.0.0.2", "10.0.0.4"), DENY)
        .expect(to("10.0.0.2", "10.0.0.3"), ALLOW)
        .expect(to("10.0.0.2", "203.0.113.5"), ALLOW);
    Scenario gnp = Scenario.of(PODS, MORE_PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: not-a}
        spec: {selector: app == 'b', %s}
        """.formatted(rule));
    gnp.expect(to("10.0.0.2", "10.0.0.3"), DENY).expect(to("10.0.0.2", "203.0.113.5"), DENY);
  }

  @Test
  void g4_equalOrderPoliciesAreOrderedByNameSlashNamespaceSlashKind() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: foo}
        spec: {selector: app == 'b', ingress: [{action: Allow}]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: foo-bar}
        spec: {selector: app == 'b', ingress: [{action: Deny}]}
        """);
    // "foo-bar//GlobalNetworkPolicy" < "foo//GlobalNetworkPolicy" because '-' < '/'.
    s.expect(to("10.0.0.2", "10.0.0.1"), DENY);
  }

  @Test
  void g7_aRuleWithOnlyIpv4NotNetsDoesNotExistForIpv6() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: not-private}
        spec: {selector: app == 'b', ingress: [{action: Allow, source: {notNets: [10.0.0.0/8]}}]}
        """);
    s.expect(to("10.0.0.2", "203.0.113.5"), ALLOW)
        .expect(to("10.0.0.2", "10.0.0.1"), DENY)
        .expect(to("fd00::2", "2001:db8::5"), DENY);
  }

  /**
   * G9 as the kernel executes it: Calico's nft rule {@code icmp type != 8 icmp code != 0} is
   * merged by nft into one compare of the (type, code) pair, so it matches every pair but
   * (8, 0), as Calico's iptables {@code ! --icmp-type 8/0} does. A negated type alone excludes
   * the whole type.
   */
  @Test
  void g9_negatedIcmpTypeAndCodeMatchAnyOtherPair() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: icmp}
        spec: {selector: app == 'b', ingress: [{action: Allow, protocol: ICMP, notICMP: {type: 8, code: 0}}]}
        """);
    s.expect(Flow.icmp("10.0.0.1", "10.0.0.2", 3, 1), ALLOW)
        .expect(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 1), ALLOW)
        .expect(Flow.icmp("10.0.0.1", "10.0.0.2", 0, 0), ALLOW)
        .expect(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0), DENY)
        .expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80), DENY);
  }

  @Test
  void g9_negatedIcmpTypeAloneExcludesEveryCodeOfTheType() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: icmp}
        spec: {selector: app == 'b', ingress: [{action: Allow, protocol: ICMP, notICMP: {type: 8}}]}
        """);
    s.expect(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0), DENY)
        .expect(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 1), DENY)
        .expect(Flow.icmp("10.0.0.1", "10.0.0.2", 0, 0), ALLOW);
  }

  @Test
  void g13_untrackedAndPreDnatPoliciesNeverApplyToWorkloads() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: raw-deny}
        spec: {selector: all(), doNotTrack: true, applyOnForward: true, ingress: [{action: Deny}], egress: [{action: Deny}]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: pre-deny}
        spec: {selector: all(), preDNAT: true, applyOnForward: true, ingress: [{action: Deny}]}
        """);
    s.expect(to("10.0.0.2", "10.0.0.1"), ALLOW).expect(to("10.0.0.2", "203.0.113.5"), ALLOW);
  }

  @Test
  void g14_preDnatAllowBypassesNormalHostIngressPolicy() {
    Scenario s = Scenario.of(HOST, """
        kind: GlobalNetworkPolicy
        metadata: {name: pre-allow}
        spec: {selector: role == 'host', preDNAT: true, applyOnForward: true, ingress: [{action: Allow, protocol: TCP}]}
        """);
    s.expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8080), ALLOW)
        .expect(Flow.udp("203.0.113.5", 40000, "192.168.0.1", 8080), DENY);
    assertThat(Scenario.events(s.explain(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8080))))
        .endsWith(new TraceEvent.Note(Remark.ALREADY_ACCEPTED));
  }

  @Test
  void g15_forwardedTrafficIsAllowedByDefaultHostLocalTrafficIsNot() {
    Scenario s = Scenario.of(PODS, HOST);
    s.expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 80).via("eth0", null), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 80), DENY);
    assertThat(Scenario.events(s.explain(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 80).via("eth0", null))))
        .contains(new TraceEvent.Note(Remark.FORWARD_DEFAULT_ALLOW));
  }

  @Test
  void g16_hostToLocalWorkloadIsNotPolicedAndWorkloadToHostSkipsHostEndpointPolicy() {
    Scenario s = Scenario.of(PODS, HOST, """
        kind: GlobalNetworkPolicy
        metadata: {name: deny-everything}
        spec: {selector: all(), types: [Ingress, Egress]}
        """);
    s.expect(Flow.tcp("192.168.0.1", 40000, "10.0.0.2", 80), ALLOW);
    assertThat(Scenario.events(s.explain(Flow.tcp("192.168.0.1", 40000, "10.0.0.2", 80))))
        .containsExactly(new TraceEvent.Note(Remark.HOST_TO_LOCAL_WORKLOAD));
    NodeTrace toHost = s.explain(Flow.tcp("10.0.0.1", 40000, "192.168.0.1", 80));
    assertThat(toHost.stages()).singleElement().satisfies(st -> {
      assertThat(st.endpoint()).isEqualTo(io.selvedge.engine.EndpointId.workload("ns1", "a"));
      assertThat(st.direction()).isEqualTo(io.selvedge.engine.Direction.EGRESS);
    });
  }

  @Test
  void g17_failsafePortsOverrideDenyButNotOnForwardChains() {
    Scenario s = Scenario.of(PODS, HOST, """
        kind: GlobalNetworkPolicy
        metadata: {name: host-deny}
        spec: {selector: role == 'host', applyOnForward: true, ingress: [{action: Deny}]}
        """);
    s.expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 22), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 22).via("eth0", null), DENY);
  }

  @Test
  void g18_anHttpMatchIsNotEnforcedSoTheRuleAllowsAllElseItMatches() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: get-only}
        spec:
          selector: app == 'b'
          ingress: [{action: Allow, protocol: TCP, http: {methods: [GET]}}]
        """);
    Flow post = to("10.0.0.2", "10.0.0.1");
    s.expect(post, ALLOW);
    assertThat(Scenario.lastStageEvents(s.explain(post))).first()
        .isInstanceOfSatisfying(TraceEvent.RuleHit.class, r -> assertThat(r.httpIgnored()).isTrue());
  }

  @Test
  void g20_aPolicyFelixCannotUseIsTreatedAsAbsent() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: broken-deny}
        spec: {selector: app == 'b', ingress: [{action: Deny, source: {selector: "app == "}}]}
        """);
    s.expect(to("10.0.0.2", "10.0.0.1"), ALLOW);
  }

  @Test
  void g22_namedPortsWithoutProtocolMatchTcpUdpAndSctp() {
    String pod = """
        kind: WorkloadEndpoint
        metadata: {name: dns, namespace: ns1, labels: {app: dns}}
        spec:
          node: node1
          orchestrator: k8s
          interfaceName: cali-dns
          ipNetworks: [10.0.0.53/32]
          profiles: [allow-all]
          ports: [{name: dns, protocol: UDP, port: 53}, {name: dns-tcp, protocol: TCP, port: 53}]
        """;
    Scenario any = Scenario.of(PODS, pod, """
        kind: GlobalNetworkPolicy
        metadata: {name: dns}
        spec: {selector: app == 'dns', ingress: [{action: Allow, destination: {ports: [dns, dns-tcp]}}]}
        """);
    any.expect(Flow.udp("10.0.0.1", 40000, "10.0.0.53", 53), ALLOW)
        .expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.53", 53), ALLOW)
        .expect(Flow.udp("10.0.0.1", 40000, "10.0.0.53", 54), DENY);
    Scenario tcpOnly = Scenario.of(PODS, pod, """
        kind: GlobalNetworkPolicy
        metadata: {name: dns}
        spec: {selector: app == 'dns', ingress: [{action: Allow, protocol: TCP, destination: {ports: [dns, dns-tcp]}}]}
        """);
    tcpOnly.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.53", 53), ALLOW)
        .expect(Flow.udp("10.0.0.1", 40000, "10.0.0.53", 53), DENY);
  }

  @Test
  void g25_theSmallestHostEndpointNameClaimsAnInterface() {
    Scenario s = Scenario.of("""
        kind: HostEndpoint
        metadata: {name: b-strict}
        spec: {node: node1, interfaceName: eth0, expectedIPs: [192.168.0.1]}
        ---
        kind: HostEndpoint
        metadata: {name: a-open}
        spec: {node: node1, interfaceName: eth0, profiles: [projectcalico-default-allow]}
        """);
    s.expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 80), ALLOW);
  }

  @Test
  void g26_aMissingProfileDeniesInItsPlace() {
    String pods = PODS.replace("ipNetworks: [10.0.0.2/32, \"fd00::2/128\"],\n       profiles: [allow-all]",
        "ipNetworks: [10.0.0.2/32, \"fd00::2/128\"],\n       profiles: [not-there, allow-all]");
    Scenario s = Scenario.of(pods);
    s.expect(to("10.0.0.2", "10.0.0.1"), DENY);
    assertThat(Scenario.lastStageEvents(s.explain(to("10.0.0.2", "10.0.0.1"))))
        .containsExactly(new TraceEvent.MissingProfile(new ProfileId("not-there"), io.selvedge.engine.Direction.INGRESS));
  }

  @Test
  void g27_typesDecideWhichDirectionsAPolicyGoverns() {
    Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: ingress-only}
        spec: {selector: app == 'a', types: [Ingress], ingress: [{action: Allow}], egress: [{action: Deny}]}
        """).expect(to("10.0.0.2", "10.0.0.1"), ALLOW);
    Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: both-no-egress-rules}
        spec: {selector: app == 'a', types: [Ingress, Egress], ingress: [{action: Allow}]}
        """).expect(to("10.0.0.2", "10.0.0.1"), DENY);
  }
}
