package io.selvedge.engine.explain;

import static io.selvedge.engine.explain.Decision.ALLOW;
import static io.selvedge.engine.explain.Decision.DENY;
import static io.selvedge.engine.explain.Scenario.HOST;
import static io.selvedge.engine.explain.Scenario.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.EndpointId;
import io.selvedge.engine.PolicyClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host endpoints on the packet path (spec §4.1–4.4, §3.8): untracked, preDNAT, normal and
 * forward policy, failsafe ports, the {@code *} host endpoint.
 */
class HostEndpointPathTest {
  private static final String HOST_DENY_ALL = """
      kind: GlobalNetworkPolicy
      metadata: {name: host-deny-all}
      spec: {selector: role == 'host', types: [Ingress, Egress]}
      """;
  private static final Flow TO_HOST_8080 = Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8080);

  @Test
  void hostEndpointWithoutPolicyOrProfileDeniesAndTheDefaultAllowProfileFlipsIt() {
    Scenario.of(HOST).expect(TO_HOST_8080, DENY)
        .expect(Flow.tcp("192.168.0.1", 40000, "203.0.113.5", 443), DENY);
    assertThat(Scenario.events(Scenario.of(HOST).explain(TO_HOST_8080)))
        .containsExactly(new TraceEvent.NoProfileMatched());
    Scenario.of("""
        kind: HostEndpoint
        metadata: {name: node1-auto-hep}
        spec: {node: node1, interfaceName: "*", expectedIPs: [192.168.0.1], profiles: [projectcalico-default-allow]}
        """).expect(TO_HOST_8080, ALLOW);
  }

  @Test
  void failsafePortsAreOpenWhateverThePolicy() {
    Scenario s = Scenario.of(HOST, HOST_DENY_ALL);
    s.expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 22), ALLOW)
        .expect(Flow.udp("203.0.113.5", 67, "192.168.0.1", 68), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 6443), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 23), DENY)
        .expect(Flow.udp("203.0.113.5", 40000, "192.168.0.1", 22), DENY)
        .expect(Flow.udp("192.168.0.1", 40000, "8.8.8.8", 53), ALLOW)
        .expect(Flow.tcp("192.168.0.1", 40000, "8.8.8.8", 53), DENY)
        .expect(Flow.tcp("192.168.0.1", 40000, "10.9.9.9", 2379), ALLOW);
    assertThat(Scenario.events(s.explain(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 22))))
        .containsExactly(new TraceEvent.FailsafeHit(FailsafePort.parse("tcp:22"), true, false));
  }

  @Test
  void failsafePortsAreConfigurable() {
    Scenario s = Scenario.of(HOST, HOST_DENY_ALL)
        .with(DataplaneSettings.defaults().withFailsafe(FailsafePort.parseList("tcp:10.0.0.0/8:22"), List.of()));
    s.expect(Flow.tcp("10.1.2.3", 40000, "192.168.0.1", 22), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 22), DENY)
        .expect(Flow.udp("192.168.0.1", 40000, "8.8.8.8", 53), DENY);
  }

  @Test
  void untrackedAllowSkipsNormalIngressPolicyAndDenyDropsEvenEstablishedPackets() {
    Scenario s = Scenario.of(HOST, HOST_DENY_ALL, """
        kind: GlobalNetworkPolicy
        metadata: {name: raw}
        spec:
          selector: role == 'host'
          doNotTrack: true
          applyOnForward: true
          ingress:
          - {action: Allow, protocol: TCP, destination: {ports: [8080]}}
          - {action: Deny, protocol: TCP, destination: {ports: [9000]}}
        """);
    NodeTrace t = s.explain(TO_HOST_8080);
    assertThat(t.decision()).isEqualTo(ALLOW);
    assertThat(t.stages()).extracting(StageTrace::hook, StageTrace::policyClass, StageTrace::outcome).containsExactly(
        org.assertj.core.api.Assertions.tuple(Hook.RAW_PREROUTING, PolicyClass.UNTRACKED, StageOutcome.ALLOWED),
        org.assertj.core.api.Assertions.tuple(Hook.FILTER_INPUT, null, StageOutcome.ALLOWED));
    s.expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8081), DENY)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 9000), DENY)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 9000).withEstablished(true), DENY)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8081).withEstablished(true), ALLOW);
  }

  @Test
  void rawFailsafeLetsRepliesOfFailsafeConnectionsPastUntrackedPolicy() {
    String rawDenyAll = """
        kind: GlobalNetworkPolicy
        metadata: {name: raw-deny}
        spec: {selector: role == 'host', doNotTrack: true, applyOnForward: true, ingress: [{action: Deny}]}
        """;
    Flow dnsReply = Flow.udp("8.8.8.8", 53, "192.168.0.1", 40000).withEstablished(true);
    Scenario s = Scenario.of(HOST, rawDenyAll);
    s.expect(dnsReply, ALLOW);
    assertThat(Scenario.events(s.explain(dnsReply)))
        .containsExactly(new TraceEvent.FailsafeHit(FailsafePort.parse("udp:53"), false, true),
            new TraceEvent.Established());
    s.with(DataplaneSettings.defaults().withFailsafe(List.of(), List.of())).expect(dnsReply, DENY);
  }

  @Test
  void untrackedAndPreDnatPolicyNeverSkipWorkloadPolicy() {
    String denyToB = """
        kind: GlobalNetworkPolicy
        metadata: {name: deny-to-b}
        spec: {selector: app == 'b', types: [Ingress]}
        """;
    for (String early : List.of("doNotTrack: true", "preDNAT: true")) {
      Scenario s = Scenario.of(PODS, HOST, denyToB, """
          kind: GlobalNetworkPolicy
          metadata: {name: early}
          spec:
            selector: role == 'host'
            %s
            applyOnForward: true
            ingress: [{action: Allow}]
          """.formatted(early));
      s.expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 80).via("eth0", null), ALLOW)
          .expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 80).via("eth0", null), DENY);
    }
  }

  @Test
  void preDnatAllowSkipsNormalAndForwardIngressPreDnatDenyDrops() {
    Scenario s = Scenario.of(PODS, HOST, HOST_DENY_ALL, """
        kind: GlobalNetworkPolicy
        metadata: {name: host-fwd-deny}
        spec: {selector: role == 'host', applyOnForward: true, types: [Ingress]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: pre}
        spec:
          selector: role == 'host'
          preDNAT: true
          applyOnForward: true
          ingress:
          - {action: Allow, protocol: TCP, destination: {ports: [8080]}}
          - {action: Deny, protocol: TCP, destination: {ports: [9000]}}
        """);
    s.expect(TO_HOST_8080, ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8081), DENY)
        .expect(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 9000), DENY)
        .expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 8080).via("eth0", null), ALLOW)
        .expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 8081).via("eth0", null), DENY);
    NodeTrace t = s.explain(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 8081));
    assertThat(t.stages()).extracting(StageTrace::hook, StageTrace::outcome).containsExactly(
        org.assertj.core.api.Assertions.tuple(Hook.MANGLE_PREROUTING, StageOutcome.NO_VERDICT),
        org.assertj.core.api.Assertions.tuple(Hook.FILTER_INPUT, StageOutcome.DENIED));
  }

  @Test
  void applyOnForwardPolicyOfTheOutgoingHostEndpointPolicesForwardedTraffic() {
    Scenario s = Scenario.of(PODS, HOST, """
        kind: GlobalNetworkPolicy
        metadata: {name: no-smtp-out}
        spec:
          selector: role == 'host'
          applyOnForward: true
          egress: [{action: Deny, protocol: TCP, destination: {ports: [25]}}, {action: Allow}]
        """);
    s.expect(Flow.tcp("10.0.0.1", 40000, "203.0.113.9", 25).via(null, "eth0"), DENY)
        .expect(Flow.tcp("10.0.0.1", 40000, "203.0.113.9", 443).via(null, "eth0"), ALLOW)
        .expect(Flow.tcp("10.0.0.1", 40000, "203.0.113.9", 25).via(null, "eth1"), ALLOW);
  }

  @Test
  void wildcardHostEndpointCoversEveryOtherInterfaceButNotHostToWorkload() {
    Scenario s = Scenario.of(PODS, """
        kind: HostEndpoint
        metadata: {name: node1-all, labels: {role: host}}
        spec: {node: node1, interfaceName: "*"}
        """, HOST_DENY_ALL);
    s.expect(Flow.tcp("192.168.0.9", 40000, "203.0.113.9", 443).via(Flow.LOCAL, "eth7"), DENY)
        .expect(Flow.tcp("192.168.0.9", 40000, "10.0.0.2", 80).via(Flow.LOCAL, null), ALLOW)
        .expect(Flow.tcp("203.0.113.9", 40000, "192.168.0.9", 80).via("eth3", Flow.LOCAL), DENY);
    NodeTrace t = s.explain(Flow.tcp("203.0.113.9", 40000, "192.168.0.9", 80).via("eth3", Flow.LOCAL));
    assertThat(t.in().endpoint()).isEqualTo(EndpointId.host("node1-all"));
  }

  @Test
  void anOutsideSourceWithoutInterfaceEntersOnTheNodesOnlyHostEndpointInterface() {
    String denyList = """
        kind: GlobalNetworkPolicy
        metadata: {name: deny-list}
        spec:
          selector: role == 'host'
          doNotTrack: true
          applyOnForward: true
          ingress: [{action: Deny, source: {nets: [203.0.113.0/24]}}, {action: Allow}]
        """;
    Flow fromOutside = Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 80);
    Scenario one = Scenario.of(PODS, HOST, denyList);
    one.expect(fromOutside, DENY).expect(fromOutside.via("eth0", null), DENY);
    assertThat(one.explain(fromOutside).in()).isEqualTo(new Hop(Hop.Kind.HOST, "eth0",
        EndpointId.host("node1-eth0"), true));

    // Two host endpoint interfaces: which one the packet crosses is the user's to say.
    Scenario two = Scenario.of(PODS, HOST, denyList, """
        kind: HostEndpoint
        metadata: {name: node1-eth1, labels: {role: other}}
        spec: {node: node1, interfaceName: eth1, expectedIPs: [192.168.1.1]}
        """);
    two.expect(fromOutside, ALLOW).expect(fromOutside.via("eth0", null), DENY).expect(fromOutside.via("eth1", null), ALLOW);
    assertThat(two.explain(fromOutside).in().interfaceName()).isNull();
  }

  @Test
  void wildcardHostEndpointIgnoresUntrackedPolicy() {
    Scenario s = Scenario.of("""
        kind: HostEndpoint
        metadata: {name: node1-all, labels: {role: host}}
        spec: {node: node1, interfaceName: "*", profiles: [projectcalico-default-allow]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: raw-deny}
        spec: {selector: role == 'host', doNotTrack: true, applyOnForward: true, ingress: [{action: Deny}]}
        """);
    s.expect(Flow.tcp("203.0.113.9", 40000, "192.168.0.9", 80).via("eth3", Flow.LOCAL), ALLOW);
  }

  @Test
  void wildcardHostEndpointForwardPolicyAlsoSeesWorkloadTraffic() {
    // Felix's forward dispatch defaults to the * host endpoint for every interface without a named
    // one, workload interfaces included (dispatch.go: toEndForwardRules has no workload skip).
    Scenario s = Scenario.of(PODS, """
        kind: HostEndpoint
        metadata: {name: node1-all, labels: {role: host}}
        spec: {node: node1, interfaceName: "*", profiles: [projectcalico-default-allow]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: fwd-no-81}
        spec:
          selector: role == 'host'
          applyOnForward: true
          egress: [{action: Deny, protocol: TCP, destination: {ports: [81]}}, {action: Allow}]
        """);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 81), DENY)
        .expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80), ALLOW);
  }

  @Test
  void untrackedEgressPolicyDecidesInRawOutput() {
    Scenario s = Scenario.of(HOST, HOST_DENY_ALL, """
        kind: GlobalNetworkPolicy
        metadata: {name: raw-out}
        spec:
          selector: role == 'host'
          doNotTrack: true
          applyOnForward: true
          egress:
          - {action: Deny, protocol: TCP, destination: {ports: [25]}}
          - {action: Allow, protocol: TCP, destination: {ports: [443]}}
        """);
    NodeTrace https = s.explain(Flow.tcp("192.168.0.1", 40000, "203.0.113.9", 443));
    assertThat(https.decision()).isEqualTo(ALLOW);
    assertThat(https.stages()).extracting(StageTrace::hook).containsExactly(Hook.RAW_OUTPUT, Hook.FILTER_OUTPUT);
    assertThat(Scenario.events(https)).endsWith(new TraceEvent.Note(Remark.UNTRACKED_ACCEPTED));
    s.expect(Flow.tcp("192.168.0.1", 40000, "203.0.113.9", 25), DENY)
        .expect(Flow.tcp("192.168.0.1", 40000, "203.0.113.9", 80), DENY)
        .expect(Flow.tcp("192.168.0.1", 40000, "203.0.113.9", 25).withEstablished(true), DENY)
        .expect(Flow.tcp("192.168.0.1", 40000, "203.0.113.9", 80).withEstablished(true), ALLOW);
  }

  @Test
  void wildcardHostEndpointPreDnatPolicySeesPacketsFromWorkloadsToo() {
    // Mangle prerouting does not skip workload interfaces, and the * host endpoint is the default
    // of its dispatch (Felix StaticManglePreroutingChain, FromHostDispatchChains).
    Scenario s = Scenario.of(PODS, """
        kind: HostEndpoint
        metadata: {name: node1-all, labels: {role: host}}
        spec: {node: node1, interfaceName: "*", profiles: [projectcalico-default-allow]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: pre-no-9999}
        spec:
          selector: role == 'host'
          preDNAT: true
          applyOnForward: true
          ingress: [{action: Deny, protocol: TCP, destination: {ports: [9999]}}]
        """);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 9999), DENY)
        .expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 9998), ALLOW);
    assertThat(s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 9999)).stages().get(0).hook())
        .isEqualTo(Hook.MANGLE_PREROUTING);
  }

  @Test
  void aHostEndpointBoundByExpectedIpIsFoundFromTheAddress() {
    Scenario s = Scenario.of("""
        kind: HostEndpoint
        metadata: {name: by-ip, labels: {role: host}}
        spec: {node: node1, expectedIPs: [192.168.5.1]}
        """, HOST_DENY_ALL);
    NodeTrace t = s.explain(Flow.tcp("203.0.113.5", 40000, "192.168.5.1", 8080));
    assertThat(t.decision()).isEqualTo(DENY);
    assertThat(t.in()).isEqualTo(new Hop(Hop.Kind.HOST, null, EndpointId.host("by-ip"), true));
  }
}
