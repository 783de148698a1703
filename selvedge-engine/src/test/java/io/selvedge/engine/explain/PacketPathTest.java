package io.selvedge.engine.explain;

import static io.selvedge.engine.explain.Decision.ALLOW;
import static io.selvedge.engine.explain.Decision.DENY;
import static io.selvedge.engine.explain.Scenario.PODS;
import static io.selvedge.engine.explain.Scenario.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import org.junit.jupiter.api.Test;

/** The packet path around workloads (spec §3.8, §4.4): which chains run for which hops. */
class PacketPathTest {
  private static final EndpointId A = EndpointId.workload("ns1", "a");
  private static final EndpointId B = EndpointId.workload("ns1", "b");
  private static final String DENY_ALL_TO_B = """
      kind: GlobalNetworkPolicy
      metadata: {name: deny-to-b}
      spec:
        selector: app == 'b'
        types: [Ingress]
      """;
  private static final String DENY_ALL_FROM_A = """
      kind: GlobalNetworkPolicy
      metadata: {name: deny-from-a}
      spec:
        selector: app == 'a'
        types: [Egress]
      """;

  @Test
  void workloadToWorkloadRunsSourceEgressThenDestinationIngress() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: b-web}
        spec:
          selector: app == 'b'
          ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'a'}, destination: {ports: [80]}}]
        """);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80), ALLOW);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 81), DENY);
    NodeTrace t = s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80));
    assertThat(t.path()).isEqualTo("forward");
    assertThat(t.in()).isEqualTo(new Hop(Hop.Kind.WORKLOAD, "cali-a", A, true));
    assertThat(t.stages()).extracting(StageTrace::hook, StageTrace::endpoint, StageTrace::direction)
        .containsExactly(tuple(Hook.FILTER_FORWARD, A, Direction.EGRESS), tuple(Hook.FILTER_FORWARD, B, Direction.INGRESS));
  }

  @Test
  void sourceEgressDenyStopsThePacketBeforeTheDestination() {
    Scenario s = Scenario.of(PODS, DENY_ALL_FROM_A);
    NodeTrace t = s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80));
    assertThat(t.decision()).isEqualTo(DENY);
    assertThat(t.stages()).singleElement().satisfies(st -> {
      assertThat(st.endpoint()).isEqualTo(A);
      assertThat(st.outcome()).isEqualTo(StageOutcome.DENIED);
      assertThat(st.events()).containsExactly(
          new TraceEvent.NoRuleHit("default", io.selvedge.engine.PolicyId.global("deny-from-a"), Direction.EGRESS, false),
          new TraceEvent.TierEnd("default", true));
    });
  }

  @Test
  void ipv6FlowsUseTheIpv6Rules() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: b-v6}
        spec:
          selector: app == 'b'
          ingress: [{action: Allow, source: {nets: ["fd00::/64"]}}]
        """);
    s.expect(Flow.tcp("fd00::1", 40000, "fd00::2", 80), ALLOW);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80), DENY);
  }

  @Test
  void unknownWorkloadInterfacesAreDropped() {
    Scenario s = Scenario.of(PODS);
    s.expect(Flow.tcp("10.0.0.9", 40000, "10.0.0.2", 80).via("cali-gone", null), DENY);
    s.expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.9", 80).via(null, "cali-gone"), DENY);
    s.expect(Flow.tcp("10.0.0.9", 40000, "192.168.0.1", 80).via("cali-gone", Flow.LOCAL), DENY);
    assertThat(Scenario.events(s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.9", 80).via(null, "cali-gone"))))
        .contains(new TraceEvent.Note(Remark.UNKNOWN_WORKLOAD_INTERFACE));
  }

  @Test
  void aWorkloadCannotSendFromAnotherAddress() {
    Scenario s = Scenario.of(PODS);
    NodeTrace t = s.explain(Flow.tcp("10.0.0.2", 40000, "203.0.113.9", 80).via("cali-a", null));
    assertThat(t.decision()).isEqualTo(DENY);
    assertThat(t.stages().get(0).hook()).isEqualTo(Hook.RAW_PREROUTING);
    assertThat(t.stages().get(0).events()).containsExactly(new TraceEvent.Note(Remark.RPF_FAILED));
  }

  @Test
  void externalTrafficToAWorkloadGetsOnlyItsIngressPolicyWhenNoHostEndpoint() {
    Scenario s = Scenario.of(PODS, DENY_ALL_TO_B);
    s.expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 80), ALLOW);
    s.expect(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 80), DENY);
    NodeTrace t = s.explain(Flow.tcp("203.0.113.5", 40000, "10.0.0.1", 80));
    assertThat(t.in()).isEqualTo(new Hop(Hop.Kind.HOST, null, null, true));
    assertThat(t.stages()).extracting(StageTrace::endpoint).containsExactly(A);
  }

  @Test
  void workloadToOutsideGetsOnlyItsEgressPolicyWhenNoHostEndpoint() {
    Scenario s = Scenario.of(PODS, DENY_ALL_FROM_A);
    s.expect(Flow.udp("10.0.0.1", 40000, "203.0.113.5", 53), DENY);
    s.expect(Flow.udp("10.0.0.2", 40000, "203.0.113.5", 53), ALLOW);
  }

  @Test
  void workloadEgressDropsVxlanAndIpipUnlessAllowed() {
    Scenario s = Scenario.of(PODS);
    s.expect(Flow.udp("10.0.0.1", 40000, "203.0.113.5", 4789), DENY);
    s.expect(Flow.of("10.0.0.1", "203.0.113.5", 4), DENY);
    s.expect(Flow.udp("10.0.0.1", 40000, "203.0.113.5", 4790), ALLOW);
    s.expect(Flow.udp("203.0.113.5", 40000, "10.0.0.1", 4789), ALLOW); // only from workloads
    DataplaneSettings open = new DataplaneSettings(FailsafePort.DEFAULT_INBOUND, FailsafePort.DEFAULT_OUTBOUND,
        EndpointToHostAction.DROP, java.util.List.of("cali"), true, true, 4789);
    s.with(open).expect(Flow.udp("10.0.0.1", 40000, "203.0.113.5", 4789), ALLOW)
        .expect(Flow.of("10.0.0.1", "203.0.113.5", 4), ALLOW);
  }

  @Test
  void establishedConnectionsAreAcceptedByConntrackBeforePolicy() {
    Scenario s = Scenario.of(PODS, DENY_ALL_TO_B);
    Flow reply = Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80).withEstablished(true);
    s.expect(reply, ALLOW);
    assertThat(Scenario.events(s.explain(reply))).containsExactly(new TraceEvent.Established());
  }

  @Test
  void workloadToItsHostGetsEgressPolicyThenDefaultEndpointToHostAction() {
    Scenario s = Scenario.of(PODS, HOST, """
        kind: GlobalNetworkPolicy
        metadata: {name: host-deny-all}
        spec: {selector: role == 'host', types: [Ingress]}
        """);
    Flow toHost = Flow.tcp("10.0.0.1", 40000, "192.168.0.1", 8080);
    s.expect(toHost, DENY);
    assertThat(Scenario.events(s.explain(toHost))).endsWith(new TraceEvent.Note(Remark.ENDPOINT_TO_HOST_DROP));
    // With ACCEPT the host endpoint's deny-all does not apply: HEP policy never sees workload traffic.
    Scenario accept = s.with(DataplaneSettings.defaults().withEndpointToHostAction(EndpointToHostAction.ACCEPT));
    accept.expect(toHost, ALLOW);
    s.with(DataplaneSettings.defaults().withEndpointToHostAction(EndpointToHostAction.RETURN)).expect(toHost, ALLOW);
    Scenario.of(PODS, HOST, DENY_ALL_FROM_A)
        .with(DataplaneSettings.defaults().withEndpointToHostAction(EndpointToHostAction.ACCEPT))
        .expect(toHost, DENY);
  }

  @Test
  void ipv6NeighbourDiscoveryFromAWorkloadToTheHostIsAlwaysAllowed() {
    Scenario s = Scenario.of(PODS, DENY_ALL_FROM_A);
    s.expect(Flow.icmp("fd00::1", "fe80::1", 135, 0).via(null, Flow.LOCAL), ALLOW);
    s.expect(Flow.icmp("fd00::1", "fe80::1", 128, 0).via(null, Flow.LOCAL), DENY);
  }

  @Test
  void aHostInterfaceWithoutHostEndpointIsNotPoliced() {
    Scenario s = Scenario.of(PODS);
    NodeTrace t = s.explain(Flow.tcp("203.0.113.5", 40000, "192.168.0.7", 22).via("eth9", Flow.LOCAL));
    assertThat(t.decision()).isEqualTo(ALLOW);
    assertThat(t.path()).isEqualTo("input");
    assertThat(Scenario.events(t)).containsExactly(new TraceEvent.Note(Remark.NO_HOST_ENDPOINT));
    s.expect(Flow.tcp("192.168.0.7", 40000, "203.0.113.5", 443).via(Flow.LOCAL, "eth9"), ALLOW);
    s.expect(Flow.tcp("192.168.0.7", 40000, "192.168.0.7", 443).via(Flow.LOCAL, Flow.LOCAL), ALLOW);
  }

  @Test
  void explicitInterfacesOverrideInference() {
    Scenario s = Scenario.of(PODS, HOST);
    NodeTrace t = s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80).via("cali-a", "cali-b"));
    assertThat(t.in().inferred()).isFalse();
    assertThat(t.out()).isEqualTo(new Hop(Hop.Kind.WORKLOAD, "cali-b", B, false));
    NodeTrace viaEth0 = s.explain(Flow.tcp("203.0.113.5", 40000, "10.0.0.2", 80).via("eth0", null));
    assertThat(viaEth0.in()).isEqualTo(new Hop(Hop.Kind.HOST, "eth0", EndpointId.host("node1-eth0"), false));
  }
}
