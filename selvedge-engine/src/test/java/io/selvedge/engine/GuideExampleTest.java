package io.selvedge.engine;

import static io.selvedge.engine.Fixtures.allow;
import static io.selvedge.engine.Fixtures.deny;
import static io.selvedge.engine.Fixtures.entity;
import static io.selvedge.engine.Fixtures.gnp;
import static io.selvedge.engine.Fixtures.gns;
import static io.selvedge.engine.Fixtures.hep;
import static io.selvedge.engine.Fixtures.labels;
import static io.selvedge.engine.Fixtures.np;
import static io.selvedge.engine.Fixtures.spec;
import static io.selvedge.engine.Fixtures.wep;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.PolicyType;
import io.selvedge.model.Resource;
import io.selvedge.selector.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calico's "Use external IPs or networks rules in policy" guide, as in examples/. */
class GuideExampleTest {

  static List<Resource> resources() {
    return List.of(
        np("production", "allow-egress-external", spec().selector("color == 'red'").types(PolicyType.Egress)
            .egress(allow().dst(entity().nets("192.0.2.0/24").build()).build())),
        gns("ip-protect", labels("ip-deny-list", "true"), "192.0.2.55/32", "203.0.113.0/24"),
        gnp("forward-default-allow", spec().selector("apply-ip-protect == 'true'").order(1000).doNotTrack()
            .types(PolicyType.Ingress).ingress(allow().build())),
        gnp("ip-protect", spec().selector("apply-ip-protect == 'true'").order(0).doNotTrack()
            .types(PolicyType.Ingress).ingress(deny()
                .src(entity().selector("ip-deny-list == 'true' && !has(projectcalico.org/namespace)").build()).build())),
        wep("node1", "production", "red-pod", labels("color", "red"), "cali1", List.of("10.0.0.5/32"), List.of()),
        wep("node1", "production", "blue-pod", labels("color", "blue"), "cali2", List.of("10.0.0.6/32"), List.of()),
        // A workload claiming the deny-list label: excluded by !has(projectcalico.org/namespace).
        wep("node2", "production", "sneaky", labels("ip-deny-list", "true"), "cali3", List.of("10.0.0.7/32"), List.of()),
        hep("node1", "node1-eth0", labels("apply-ip-protect", "true"), "eth0", List.of("198.51.100.10"), List.of()),
        hep("node2", "node2-eth0", labels("apply-ip-protect", "true"), "eth0", List.of("198.51.100.11"), List.of()));
  }

  /** The same resources decoded from the repository's examples/ YAML give the same state. */
  @Test
  void examplesDecodedByTheCodecGiveTheSameState() throws Exception {
    java.util.List<Resource> decoded = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        var result = io.selvedge.codec.ResourceCodec.strict().decode(f.toString(), java.nio.file.Files.readString(f));
        assertThat(result.problems()).isEmpty();
        decoded.addAll(result.resourceList());
      }
    }
    assertThat(decoded).hasSize(4);
    java.util.List<Resource> all = new java.util.ArrayList<>(decoded);
    all.addAll(resources().subList(4, resources().size()));
    assertThat(Replay.check("node1", all)).isEqualTo(Replay.check("node1", resources()));
  }

  @Test
  void desiredStateOfNode1() throws Exception {
    DesiredState s = Replay.check("node1", resources());
    PolicyId egressExt = PolicyId.namespaced("production", "allow-egress-external");
    PolicyId ipProtect = PolicyId.global("ip-protect");
    PolicyId fwdAllow = PolicyId.global("forward-default-allow");
    assertThat(s.endpoints()).containsOnlyKeys(EndpointId.workload("production", "red-pod"),
        EndpointId.workload("production", "blue-pod"), EndpointId.host("node1-eth0"));

    LocalEndpoint red = s.endpoints().get(EndpointId.workload("production", "red-pod"));
    assertThat(red.normal()).containsExactly(new TierPolicies("default", TierDefault.DENY, List.of(), List.of(egressExt)));
    assertThat(red.untracked()).isEmpty();
    assertThat(red.labels()).containsEntry("projectcalico.org/namespace", "production")
        .containsEntry("projectcalico.org/orchestrator", "k8s").containsEntry("color", "red");
    assertThat(s.endpoints().get(EndpointId.workload("production", "blue-pod")).normal()).isEmpty();

    LocalEndpoint host = s.endpoints().get(EndpointId.host("node1-eth0"));
    assertThat(host.untracked())
        .containsExactly(new TierPolicies("default", TierDefault.PASS, List.of(ipProtect, fwdAllow), List.of()));
    assertThat(host.normal()).isEmpty();
    assertThat(host.forward()).isEmpty();
    assertThat(host.preDnat()).isEmpty();
    assertThat(host.addresses()).containsExactly(Cidr.parse("198.51.100.10/32"));

    // The allow rule has only IPv4 nets: no IPv6 rule at all (G7).
    ResolvedPolicy ext = s.policies().get(egressExt);
    assertThat(ext.rules().egressV4()).hasSize(1);
    assertThat(ext.rules().egressV4().get(0).destination().nets()).containsExactly(Cidr.parse("192.0.2.0/24"));
    assertThat(ext.rules().egressV6()).isEmpty();

    String setId = Selector.parse("ip-deny-list == 'true' && !has(projectcalico.org/namespace)").uniqueId();
    ResolvedRule denyRule = s.policies().get(ipProtect).rules().ingressV4().get(0);
    assertThat(denyRule.action()).isEqualTo(RuleAction.DENY);
    assertThat(denyRule.source().ipSets()).containsExactly(setId);
    assertThat(denyRule.origin()).isEqualTo(new RuleOrigin("default", ipProtect, Direction.INGRESS, 0,
        resources().get(3) instanceof io.selvedge.model.GlobalNetworkPolicy g ? g.spec().ingress().get(0) : null));
    assertThat(s.ipSet(setId, IpFamily.V4).nets().asList())
        .containsExactly(Cidr.parse("192.0.2.55/32"), Cidr.parse("203.0.113.0/24"));
    assertThat(s.ipSet(setId, IpFamily.V6).nets().isEmpty()).isTrue();
    assertThat(s.ipSets()).hasSize(2);
    assertThat(s.policies()).containsOnlyKeys(egressExt, ipProtect, fwdAllow);
  }
}
