package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.Action;
import io.selvedge.model.EndpointPort;
import io.selvedge.model.EntityRule;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Profile;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.WorkloadEndpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What decoding accepts and what it turns it into. */
class ResourceCodecDecodeTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();

  private static List<Resource> ok(String text) {
    DecodeResult r = CODEC.decode("t.yaml", text);
    assertThat(r.problems()).extracting(DecodeProblem::format).isEmpty();
    return r.resourceList();
  }

  private static <T extends Resource> T one(String text, Class<T> type) {
    List<Resource> rs = ok(text);
    assertThat(rs).hasSize(1);
    return type.cast(rs.get(0));
  }

  @Test
  void globalNetworkPolicyWithEveryField() {
    GlobalNetworkPolicy p = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata:
          name: ip-protect
          labels: {app: db, "projectcalico.org/tier": default}
          annotations: {note: "hello"}
        spec:
          tier: default
          order: 100.5
          selector: role == 'db'
          namespaceSelector: has(team)
          serviceAccountSelector: sa == 'x'
          types: [Ingress, Egress]
          doNotTrack: false
          preDNAT: false
          applyOnForward: true
          performanceHints: [AssumeNeededOnEveryNode]
          ingress:
            - action: Allow
              ipVersion: 4
              protocol: TCP
              notProtocol: 17
              source:
                nets: [10.0.0.0/8]
                notNets: [10.1.0.0/16]
                selector: app == 'web'
                notSelector: app == 'bad'
                namespaceSelector: global()
                ports: [80, "443", "8000:8100", http]
                notPorts: [22]
                serviceAccounts: {names: [a, b], selector: x == 'y'}
              destination:
                services: {name: svc, namespace: ns}
              http:
                methods: [GET]
                paths: [{exact: /a}, {prefix: /b}]
              metadata:
                annotations: {why: because}
            - action: Deny
              protocol: ICMP
              icmp: {type: 8, code: 0}
              notICMP: {type: 3}
          egress:
            - action: Pass
        """, GlobalNetworkPolicy.class);
    assertThat(p.metadata().name()).isEqualTo("ip-protect");
    assertThat(p.metadata().labels()).containsExactly(Map.entry("app", "db"), Map.entry("projectcalico.org/tier", "default"));
    assertThat(p.spec().order()).isEqualTo(100.5);
    assertThat(p.spec().types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
    assertThat(p.spec().applyOnForward()).isTrue();
    assertThat(p.spec().namespaceSelector()).isEqualTo("has(team)");
    assertThat(p.spec().performanceHints()).containsExactly("AssumeNeededOnEveryNode");
    Rule r0 = p.spec().ingress().get(0);
    assertThat(r0.action()).isEqualTo(Action.Allow);
    assertThat(r0.ipVersion()).isEqualTo(4);
    assertThat(r0.protocol()).isEqualTo(Protocol.TCP);
    assertThat(r0.notProtocol()).isEqualTo(Protocol.number(17));
    assertThat(r0.source().ports()).containsExactly(Port.of(80), Port.of(443), Port.range(8000, 8100), Port.named("http"));
    assertThat(r0.source().notPorts()).containsExactly(Port.of(22));
    assertThat(r0.source().serviceAccounts().names()).containsExactly("a", "b");
    assertThat(r0.destination().services().name()).isEqualTo("svc");
    assertThat(r0.http().paths().get(1).prefix()).isEqualTo("/b");
    assertThat(r0.metadata().annotations()).containsEntry("why", "because");
    Rule r1 = p.spec().ingress().get(1);
    assertThat(r1.icmp().type()).isEqualTo(8);
    assertThat(r1.icmp().code()).isEqualTo(0);
    assertThat(r1.notICMP().code()).isNull();
    assertThat(r1.source()).isEqualTo(EntityRule.EMPTY);
    assertThat(p.spec().egress().get(0).action()).isEqualTo(Action.Pass);
  }

  @Test
  void everyOtherKindDecodes() {
    List<Resource> rs = ok("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: prod}
        spec:
          selector: app == 'web'
          ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
        ---
        apiVersion: projectcalico.org/v3
        kind: StagedNetworkPolicy
        metadata: {name: s1, namespace: prod}
        spec: {stagedAction: Delete, tier: default}
        ---
        apiVersion: projectcalico.org/v3
        kind: StagedGlobalNetworkPolicy
        metadata: {name: s2}
        spec: {stagedAction: Learn, doNotTrack: true, applyOnForward: true, namespaceSelector: all()}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkSet
        metadata: {name: ns1, namespace: prod}
        spec: {nets: [192.168.0.0/16, "2001:db8::/32"]}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: gns1, labels: {feed: bad}}
        spec: {nets: [1.2.3.4]}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: h1, labels: {role: gw}}
        spec:
          node: node1
          interfaceName: '*'
          expectedIPs: [192.0.2.1]
          profiles: [p1]
          ports: [{name: ssh, protocol: TCP, port: 22}]
        ---
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata: {name: node1-k8s-pod1-eth0, namespace: default}
        spec:
          orchestrator: k8s
          node: node1
          pod: pod1
          endpoint: eth0
          containerID: abc123
          interfaceName: cali0
          ipNetworks: [10.0.0.1/32]
          ipNATs: [{internalIP: 10.0.0.1, externalIP: 172.16.0.1}]
          mac: "ee:ee:ee:ee:ee:ee"
          profiles: [kns.default]
          ports: [{name: http, protocol: TCP, port: 8080, hostPort: 80, hostIP: 0.0.0.0}]
          qosControls: {ingressBandwidth: 1000000, dscp: AF11}
        ---
        apiVersion: projectcalico.org/v3
        kind: Profile
        metadata: {name: p1}
        spec:
          ingress: [{action: Allow}]
          labelsToApply: {a: b}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100, defaultAction: Pass}
        """);
    assertThat(rs).hasSize(9);
    assertThat(rs.get(0)).isInstanceOf(NetworkPolicy.class);
    assertThat(((NetworkPolicy) rs.get(0)).qualifiedName()).isEqualTo("prod/allow-web");
    assertThat(((StagedNetworkPolicy) rs.get(1)).spec().stagedAction()).isEqualTo(StagedAction.Delete);
    assertThat(((StagedGlobalNetworkPolicy) rs.get(2)).spec().doNotTrack()).isTrue();
    assertThat(((NetworkSet) rs.get(3)).spec().nets()).containsExactly("192.168.0.0/16", "2001:db8::/32");
    assertThat(((GlobalNetworkSet) rs.get(4)).spec().nets()).containsExactly("1.2.3.4");
    HostEndpoint hep = (HostEndpoint) rs.get(5);
    assertThat(hep.spec().interfaceName()).isEqualTo("*");
    assertThat(hep.spec().ports()).containsExactly(new EndpointPort("ssh", Protocol.TCP, 22));
    WorkloadEndpoint wep = (WorkloadEndpoint) rs.get(6);
    assertThat(wep.spec().ports().get(0).hostPort()).isEqualTo(80);
    assertThat(wep.spec().ipNATs().get(0).externalIP()).isEqualTo("172.16.0.1");
    assertThat(wep.spec().qosControls().dscp()).isEqualTo("AF11");
    assertThat(wep.spec().qosControls().ingressBandwidth()).isEqualTo(1_000_000L);
    assertThat(((Profile) rs.get(7)).spec().labelsToApply()).containsEntry("a", "b");
    assertThat(((Tier) rs.get(8)).spec().order()).isEqualTo(100.0);
    assertThat(((Tier) rs.get(8)).spec().defaultAction()).isEqualTo("Pass");
  }

  @Test
  void protocolsAndPortsFollowCalico() {
    GlobalNetworkPolicy p = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: p}
        spec:
          ingress:
            - {action: Allow, protocol: "6", notProtocol: 255}
            - {action: Allow, protocol: "255"}
            - {action: Allow, protocol: "256"}
            - {action: Allow, protocol: tcp}
            - action: Allow
              protocol: UDP
              destination:
                ports: [0, 65535, "0:10", "007", named-port_1.x]
        """, GlobalNetworkPolicy.class);
    List<Rule> in = p.spec().ingress();
    assertThat(in.get(0).protocol()).isEqualTo(Protocol.number(6));
    assertThat(in.get(0).notProtocol()).isEqualTo(Protocol.number(255));
    assertThat(in.get(1).protocol()).isEqualTo(Protocol.number(255));
    assertThat(in.get(2).protocol()).isEqualTo(Protocol.named("256")); // not a uint8: a (bad) name, the validator's job
    assertThat(in.get(3).protocol()).isEqualTo(Protocol.named("tcp")); // case kept; the validator rejects it
    assertThat(in.get(4).destination().ports())
        .containsExactly(Port.of(0), Port.of(65535), Port.range(0, 10), Port.of(7), Port.named("named-port_1.x"));
  }

  @Test
  void nullAndEmptyMeanAbsent() {
    GlobalNetworkPolicy p = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata:
          name: p
          labels:
          annotations: {}
        spec:
          selector:
          order: ~
          tier: ""
          ingress:
          egress: []
          types: null
        """, GlobalNetworkPolicy.class);
    assertThat(p.spec().selector()).isNull();
    assertThat(p.spec().order()).isNull();
    assertThat(p.spec().tier()).isNull();
    assertThat(p.spec().ingress()).isEmpty();
    assertThat(p.spec().types()).isEmpty();
    assertThat(p.metadata().labels()).isEmpty();
    // but empty strings inside lists and maps stay
    GlobalNetworkSet s = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: s, labels: {empty: ""}}
        spec: {nets: [""]}
        """, GlobalNetworkSet.class);
    assertThat(s.spec().nets()).containsExactly("");
    assertThat(s.metadata().labels()).containsEntry("empty", "");
  }

  @Test
  void missingNameIsLeftToTheValidator() {
    Tier t = one("apiVersion: projectcalico.org/v3\nkind: Tier\n", Tier.class);
    assertThat(t.metadata().name()).isNull();
    assertThat(t.spec().order()).isNull();
  }

  @Test
  void kubectlMetadataIsTolerated() {
    GlobalNetworkSet s = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata:
          name: s
          uid: 5f1c
          resourceVersion: "1234"
          generation: 3
          creationTimestamp: 2024-01-02T03:04:05Z
          generateName: s-
          selfLink: /apis/x
          deletionTimestamp: "2024-01-02T03:04:05Z"
          deletionGracePeriodSeconds: 30
          finalizers: [a/b]
          ownerReferences: [{apiVersion: v1, kind: Namespace, name: x, uid: y}]
          managedFields:
            - manager: kubectl
              operation: Update
              fieldsV1: {"f:spec": {"f:nets": {}}}
        spec:
          nets: [10.0.0.0/8]
        """, GlobalNetworkSet.class);
    assertThat(s.metadata().uid()).isEqualTo("5f1c");
    assertThat(s.metadata().resourceVersion()).isEqualTo("1234");
    assertThat(s.metadata().generation()).isEqualTo(3L);
    assertThat(s.metadata().creationTimestamp()).isEqualTo("2024-01-02T03:04:05Z");
    Tier t = one("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t}\nspec: {order: 1}\nstatus: {conditions: []}\n", Tier.class);
    assertThat(t.spec().order()).isEqualTo(1.0);
  }

  @Test
  void yaml11ScalarsAreTypedLikeCalicosTools() {
    StagedGlobalNetworkPolicy p = one("""
        apiVersion: projectcalico.org/v3
        kind: StagedGlobalNetworkPolicy
        metadata: {name: p}
        spec:
          doNotTrack: yes
          applyOnForward: On
          preDNAT: off
          order: 0x10
          ingress:
            - {action: Allow, protocol: 0o21, ipVersion: 0_4}
            - {action: Allow, protocol: !!str 6}
        """, StagedGlobalNetworkPolicy.class);
    assertThat(p.spec().doNotTrack()).isTrue();
    assertThat(p.spec().applyOnForward()).isTrue();
    assertThat(p.spec().preDNAT()).isFalse();
    assertThat(p.spec().order()).isEqualTo(16.0);
    assertThat(p.spec().ingress().get(0).protocol()).isEqualTo(Protocol.number(17));
    assertThat(p.spec().ingress().get(0).ipVersion()).isEqualTo(4);
    assertThat(p.spec().ingress().get(1).protocol()).isEqualTo(Protocol.number(6));
  }

  @Test
  void anchorsAliasesAndMergeKeysWithinLimits() {
    GlobalNetworkPolicy p = one("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: p}
        spec:
          ingress:
            - &web
              action: Allow
              protocol: TCP
              destination: {ports: &ports [80, 443]}
            - <<: *web
              action: Deny
            - action: Allow
              protocol: UDP
              source: {ports: *ports}
        """, GlobalNetworkPolicy.class);
    List<Rule> in = p.spec().ingress();
    assertThat(in.get(1).action()).isEqualTo(Action.Deny);
    assertThat(in.get(1).protocol()).isEqualTo(Protocol.TCP);
    assertThat(in.get(1).destination().ports()).containsExactly(Port.of(80), Port.of(443));
    assertThat(in.get(2).source().ports()).containsExactly(Port.of(80), Port.of(443));
  }

  @Test
  void documentNumbersCountWhatTheUserSees() {
    DecodeResult r = CODEC.decode("f", """
        # leading comment, not a document
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: one}
        ---
        # an empty document
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: three}
        ...
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: four, extra: 1}
        """);
    assertThat(r.resources()).extracting(Decoded::document).containsExactly(1, 3);
    assertThat(r.problems()).extracting(DecodeProblem::format)
        .containsExactly("f:16: document 4 (Tier four): metadata.extra: unknown field (known: name, namespace, uid,"
            + " resourceVersion, generation, creationTimestamp, labels, annotations)");
    assertThat(r.problems().get(0).document()).isEqualTo(4);
    assertThat(r.problems().get(0).kindAndName()).isEqualTo("Tier four");
    assertThat(r.problems().get(0).path()).isEqualTo("metadata.extra");
    assertThat(r.problems().get(0).line()).isEqualTo(16);
  }

  @Test
  void jsonForms() {
    String tier = "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\",\"metadata\":{\"name\":\"%s\"}}";
    assertThat(ok(String.format(tier, "a"))).hasSize(1);
    assertThat(ok("[" + String.format(tier, "a") + "," + String.format(tier, "b") + "]")).hasSize(2);
    assertThat(ok(String.format(tier, "a") + "\n" + String.format(tier, "b"))).hasSize(2);
    DecodeResult two = CODEC.decode("j", String.format(tier, "a") + "\n" + String.format(tier, "b"));
    assertThat(two.resources()).extracting(Decoded::document).containsExactly(1, 2);
    // flow-style YAML that is not JSON still reads
    assertThat(ok("{apiVersion: projectcalico.org/v3, kind: Tier, metadata: {name: a}}")).hasSize(1);
  }

  @Test
  void listsFromKubectlAndCalicoctl() {
    List<Resource> rs = ok("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicyList
        metadata: {resourceVersion: "99"}
        items:
          - metadata: {name: a}
            spec: {selector: all()}
          - apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        metadata: {resourceVersion: ""}
        items:
          - apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: t}
        ---
        - apiVersion: projectcalico.org/v3
          kind: Tier
          metadata: {name: u}
        """);
    assertThat(rs).extracting(r -> r.metadata().name()).containsExactly("a", "b", "t", "u");
    assertThat(rs.get(0)).isInstanceOf(GlobalNetworkPolicy.class);
    DecodeResult bad = CODEC.decode("l", "apiVersion: v1\nkind: List\nitems: {}\nfoo: 1\n");
    assertThat(bad.problems()).extracting(DecodeProblem::format).containsExactly(
        "l:4: document 1 (List): foo: unknown field (known: apiVersion, kind, metadata, items)",
        "l:3: document 1 (List): items: expected a list, got an object");
  }

  @Test
  void decodeNodeThrowsWithEveryProblem() throws Exception {
    ObjectMapper m = new ObjectMapper();
    Tier t = (Tier) CODEC.decodeNode("n", 1, m.readTree(
        "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\",\"metadata\":{\"name\":\"t\"},\"spec\":{\"order\":5}}"));
    assertThat(t.spec().order()).isEqualTo(5.0);
    assertThatThrownBy(() -> CODEC.decodeNode("n", 7, m.readTree(
        "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\",\"metadata\":{\"name\":1},\"spec\":{\"order\":\"5\",\"x\":1}}")))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.problems()).extracting(DecodeProblem::format).containsExactly(
              "n: document 7 (Tier): metadata.name: expected a string, got the number 1 (quote the value to make it a string)",
              "n: document 7 (Tier): spec.order: expected a number, got the string \"5\"",
              "n: document 7 (Tier): spec.x: unknown field (known: order, defaultAction)");
          assertThat(e.problem()).isEqualTo(e.problems().get(0));
          assertThat(e.getMessage()).contains("spec.x: unknown field");
        });
    assertThatThrownBy(() -> CODEC.decodeNode("n", 1, m.readTree("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[]}")))
        .isInstanceOf(DecodeException.class).hasMessageContaining("decode it as text");
  }

  @Test
  void inputStreamWithByteOrderMark() {
    byte[] body = "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: é}\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(body, 0, withBom, 3, body.length);
    DecodeResult r = CODEC.decode("-", new ByteArrayInputStream(withBom));
    assertThat(r.problems()).isEmpty();
    assertThat(r.resources().get(0).resource().metadata().name()).isEqualTo("é");
  }

  @Test
  void problemFormat() {
    assertThat(new DecodeProblem("policies.yaml", 2, "GlobalNetworkPolicy ip-protect", "spec.ingress[0].protocl",
        "unknown field (known: action)").format())
        .isEqualTo("policies.yaml: document 2 (GlobalNetworkPolicy ip-protect): spec.ingress[0].protocl: unknown field (known: action)");
    assertThat(new DecodeProblem("p.yaml", 2, null, "", "YAML syntax error", 14).format())
        .isEqualTo("p.yaml:14: document 2: YAML syntax error");
    assertThat(new DecodeProblem("p.yaml", 0, null, "", "too large").format()).isEqualTo("p.yaml: too large");
  }
}
