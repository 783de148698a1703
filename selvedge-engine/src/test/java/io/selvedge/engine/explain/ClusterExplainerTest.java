package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Following a flow across nodes: egress at the source's node, ingress at the destination's. */
class ClusterExplainerTest {
  private static final Scenario CLUSTER = Scenario.of("""
      kind: Profile
      metadata: {name: allow-all}
      spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
      ---
      kind: WorkloadEndpoint
      metadata: {name: a, namespace: ns1, labels: {app: a}}
      spec: {node: node1, orchestrator: k8s, interfaceName: cali-a, ipNetworks: [10.0.1.1/32], profiles: [allow-all]}
      ---
      kind: WorkloadEndpoint
      metadata: {name: b, namespace: ns1, labels: {app: b}}
      spec: {node: node2, orchestrator: k8s, interfaceName: cali-b, ipNetworks: [10.0.2.1/32], profiles: [allow-all]}
      ---
      kind: HostEndpoint
      metadata: {name: node3-eth0, labels: {role: host}}
      spec: {node: node3, interfaceName: eth0, expectedIPs: [192.168.0.3], profiles: [projectcalico-default-allow]}
      ---
      kind: GlobalNetworkPolicy
      metadata: {name: b-only-80}
      spec: {selector: app == 'b', ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]}
      ---
      kind: GlobalNetworkPolicy
      metadata: {name: a-no-443}
      spec: {selector: app == 'a', egress: [{action: Deny, protocol: TCP, destination: {ports: [443]}}, {action: Allow}]}
      """);

  @Test
  void aFlowBetweenNodesIsAllowedOnlyIfBothNodesAllowIt() {
    ClusterExplainer c = CLUSTER.cluster();
    Verdict ok = c.explain(Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 80));
    assertThat(ok.decision()).isEqualTo(Decision.ALLOW);
    assertThat(ok.nodes()).extracting(NodeTrace::node, NodeTrace::path)
        .containsExactly(org.assertj.core.api.Assertions.tuple("node1", "forward"),
            org.assertj.core.api.Assertions.tuple("node2", "forward"));
    assertThat(ok.notes()).containsExactly("source 10.0.1.1 is wep/ns1/a on node node1",
        "destination 10.0.2.1 is wep/ns1/b on node node2");
    Verdict deniedAtDestination = c.explain(Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 81));
    assertThat(deniedAtDestination.decision()).isEqualTo(Decision.DENY);
    assertThat(deniedAtDestination.nodes()).extracting(NodeTrace::decision)
        .containsExactly(Decision.ALLOW, Decision.DENY);
    assertThat(c.decide(Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 443))).isEqualTo(Decision.DENY);
    assertThat(c.decide(Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 80))).isEqualTo(Decision.ALLOW);
  }

  @Test
  void hostEndpointsAreEvaluatedOnTheirOwnNode() {
    ClusterExplainer c = CLUSTER.cluster();
    Verdict v = c.explain(Flow.tcp("192.168.0.3", 40000, "10.0.2.1", 80));
    assertThat(v.nodes()).extracting(NodeTrace::node, NodeTrace::path)
        .containsExactly(org.assertj.core.api.Assertions.tuple("node3", "output"),
            org.assertj.core.api.Assertions.tuple("node2", "forward"));
    assertThat(v.decision()).isEqualTo(Decision.ALLOW);
    assertThat(c.explain(Flow.tcp("203.0.113.7", 40000, "192.168.0.3", 80)).nodes()).singleElement()
        .satisfies(n -> assertThat(n.path()).isEqualTo("input"));
  }

  @Test
  void aFlowWithoutKnownEndpointsIsNotPoliced() {
    Verdict v = CLUSTER.cluster().explain(Flow.tcp("203.0.113.7", 40000, "198.51.100.1", 80));
    assertThat(v.decision()).isEqualTo(Decision.ALLOW);
    assertThat(v.nodes()).isEmpty();
    assertThat(v.notes()).contains(Remark.NO_ENDPOINT.text());
  }

  @Test
  void explainAtANodeShowsOnlyThatNode() {
    Verdict v = CLUSTER.cluster().explainAt("node2", Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 81));
    assertThat(v.nodes()).singleElement().satisfies(n -> assertThat(n.node()).isEqualTo("node2"));
    assertThat(v.decision()).isEqualTo(Decision.DENY);
    assertThat(CLUSTER.cluster().explainAt("node9", Flow.tcp("10.0.1.1", 40000, "10.0.2.1", 81)).decision())
        .as("a node without endpoints polices nothing").isEqualTo(Decision.ALLOW);
  }

  @Test
  void problemsOfTheResourcesAreReported() {
    ClusterExplainer c = Scenario.of("""
        kind: GlobalNetworkPolicy
        metadata: {name: broken}
        spec: {selector: "app ==", ingress: [{action: Deny}]}
        ---
        kind: WorkloadEndpoint
        metadata: {name: a, namespace: ns1}
        spec: {node: node1, orchestrator: k8s, interfaceName: cali-a, ipNetworks: [10.0.1.1/32]}
        """).cluster();
    c.explain(Flow.tcp("10.0.1.1", 1, "10.0.1.2", 2));
    assertThat(c.problems()).containsKey("GlobalNetworkPolicy broken");
  }
}
