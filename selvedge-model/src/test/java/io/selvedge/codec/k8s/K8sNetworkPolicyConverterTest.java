package io.selvedge.codec.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.codec.DecodeProblem;
import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes NetworkPolicy to Calico NetworkPolicy, checked against the policies of the
 * Kubernetes documentation and the expectations of Calico's conversion tests
 * ({@code libcalico-go/lib/backend/k8s/conversion/conversion_test.go}; facts only).
 */
class K8sNetworkPolicyConverterTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();
  private static final String K8S = "projectcalico.org/orchestrator == 'k8s'";
  private static final Protocol TCP = Protocol.TCP;

  private static NetworkPolicy convert(String yaml) {
    DecodeResult r = CODEC.decode("knp.yaml", yaml);
    assertThat(r.problems()).extracting(DecodeProblem::format).isEmpty();
    assertThat(r.resources()).hasSize(1);
    NetworkPolicy np = (NetworkPolicy) r.resources().get(0).resource();
    // what the conversion produces is a valid Calico document in its own right
    assertThat(CODEC.decode("again.yaml", CODEC.toYaml(np)).resourceList()).containsExactly(np);
    return np;
  }

  private static List<String> problems(String yaml) {
    return CODEC.decode("knp.yaml", yaml).problems().stream().map(DecodeProblem::format).toList();
  }

  private static Rule allow(Protocol p, EntityRule src, EntityRule dst) {
    return new Rule(Action.Allow, null, p, null, null, null, src, dst, null, null);
  }

  private static EntityRule sel(String selector, String nsSelector) {
    return new EntityRule(null, selector, nsSelector, null, null, null, null, null, null);
  }

  private static EntityRule ports(Port... ports) {
    return new EntityRule(null, null, null, null, List.of(ports), null, null, null, null);
  }

  private static EntityRule nets(List<String> nets, List<String> notNets, Port... ports) {
    return new EntityRule(nets, null, null, null, List.of(ports), notNets, null, null, null);
  }

  /** The example policy of kubernetes.io/docs/concepts/services-networking/network-policies. */
  @Test
  void kubernetesDocsExample() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: test-network-policy
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          policyTypes:
            - Ingress
            - Egress
          ingress:
            - from:
                - ipBlock:
                    cidr: 172.17.0.0/16
                    except:
                      - 172.17.1.0/24
                - namespaceSelector:
                    matchLabels:
                      project: myproject
                - podSelector:
                    matchLabels:
                      role: frontend
              ports:
                - protocol: TCP
                  port: 6379
          egress:
            - to:
                - ipBlock:
                    cidr: 10.0.0.0/24
              ports:
                - protocol: TCP
                  port: 5978
        """);
    assertThat(np.metadata().name()).isEqualTo("knp.default.test-network-policy");
    assertThat(np.metadata().namespace()).isEqualTo("default");
    assertThat(np.spec().order()).isEqualTo(1000.0);
    assertThat(np.spec().tier()).isNull();
    assertThat(np.spec().selector()).isEqualTo(K8S + " && role == 'db'");
    assertThat(np.spec().types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
    assertThat(np.spec().ingress()).containsExactly(
        allow(TCP, nets(List.of("172.17.0.0/16"), List.of("172.17.1.0/24")), ports(Port.of(6379))),
        allow(TCP, sel(K8S, "project == 'myproject'"), ports(Port.of(6379))),
        allow(TCP, sel(K8S + " && role == 'frontend'", null), ports(Port.of(6379))));
    assertThat(np.spec().egress()).containsExactly(
        allow(TCP, EntityRule.EMPTY, nets(List.of("10.0.0.0/24"), null, Port.of(5978))));
  }

  @Test
  void defaultPoliciesFromTheDocs() {
    NetworkPolicy denyIngress = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        """);
    assertThat(denyIngress.spec().selector()).isEqualTo(K8S);
    assertThat(denyIngress.spec().ingress()).isEmpty();
    assertThat(denyIngress.spec().types()).containsExactly(PolicyType.Ingress);
    assertThat(denyIngress.metadata().namespace()).isNull();

    NetworkPolicy allowAllIngress = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all-ingress}
        spec:
          podSelector: {}
          ingress:
            - {}
          policyTypes: [Ingress]
        """);
    assertThat(allowAllIngress.spec().ingress()).containsExactly(allow(null, EntityRule.EMPTY, EntityRule.EMPTY));

    NetworkPolicy denyEgress = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-egress}
        spec:
          podSelector: {}
          policyTypes: [Egress]
        """);
    assertThat(denyEgress.spec().types()).containsExactly(PolicyType.Egress);
    assertThat(denyEgress.spec().egress()).isEmpty();

    NetworkPolicy allowAllEgress = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all-egress}
        spec:
          podSelector: {}
          egress:
          - {}
          policyTypes:
          - Egress
        """);
    assertThat(allowAllEgress.spec().egress()).containsExactly(allow(null, EntityRule.EMPTY, EntityRule.EMPTY));

    NetworkPolicy denyAll = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-all}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """);
    assertThat(denyAll.spec().types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
  }

  @Test
  void endPortBecomesARange() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: multi-port-egress, namespace: default}
        spec:
          podSelector:
            matchLabels: {role: db}
          policyTypes: [Egress]
          egress:
            - to:
                - ipBlock: {cidr: 10.0.0.0/24}
              ports:
                - protocol: TCP
                  port: 32000
                  endPort: 32768
        """);
    assertThat(np.spec().egress()).containsExactly(
        allow(TCP, EntityRule.EMPTY, nets(List.of("10.0.0.0/24"), null, Port.range(32000, 32768))));
  }

  @Test
  void podAndNamespaceSelectorInOnePeerVersusTwoPeers() {
    NetworkPolicy and = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector: {matchLabels: {label: value}}
          ingress:
            - from:
                - namespaceSelector: {matchLabels: {namespaceRole: dev, namespaceFoo: bar}}
                  podSelector: {matchLabels: {podA: B, podC: D}}
          policyTypes: [Ingress]
        """);
    assertThat(and.spec().ingress()).containsExactly(allow(null,
        sel(K8S + " && podA == 'B' && podC == 'D'", "namespaceFoo == 'bar' && namespaceRole == 'dev'"), EntityRule.EMPTY));

    NetworkPolicy or = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector: {matchLabels: {label: value}}
          ingress:
            - from:
                - namespaceSelector: {}
                - podSelector: {}
        """);
    assertThat(or.spec().ingress()).containsExactly(
        allow(null, sel(K8S, "all()"), EntityRule.EMPTY),
        allow(null, sel(K8S, null), EntityRule.EMPTY));
    assertThat(or.spec().types()).containsExactly(PolicyType.Ingress);
  }

  /** Calico: one rule per (protocol, peer), protocols sorted, ports of a protocol grouped. */
  @Test
  void multiplePeersAndPorts() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: test.policy, namespace: default}
        spec:
          podSelector: {matchLabels: {label: value}}
          ingress:
            - ports:
                - {port: 90, protocol: UDP}
                - {port: 80, protocol: TCP}
              from:
                - podSelector: {matchLabels: {k: v}}
                - podSelector: {matchLabels: {k2: v2}}
          policyTypes: [Ingress]
        """);
    assertThat(np.metadata().name()).isEqualTo("knp.default.test.policy");
    assertThat(np.spec().ingress()).containsExactly(
        allow(TCP, sel(K8S + " && k == 'v'", null), ports(Port.of(80))),
        allow(TCP, sel(K8S + " && k2 == 'v2'", null), ports(Port.of(80))),
        allow(Protocol.UDP, sel(K8S + " && k == 'v'", null), ports(Port.of(90))),
        allow(Protocol.UDP, sel(K8S + " && k2 == 'v2'", null), ports(Port.of(90))));
  }

  @Test
  void blankPortsOpenEveryPortOfTheProtocol() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: test.policy, namespace: default}
        spec:
          podSelector: {matchLabels: {label: value, label2: value2}}
          ingress:
            - ports: [{port: 80}, {}]
              from: [{podSelector: {matchLabels: {k: v, k2: v2}}}]
          egress:
            - ports: [{}, {port: 80}]
              to: [{podSelector: {matchLabels: {k: v, k2: v2}}}]
            - ports: [{port: 53, protocol: UDP}]
          policyTypes: [Ingress, Egress]
        """);
    assertThat(np.spec().selector()).isEqualTo(K8S + " && label == 'value' && label2 == 'value2'");
    assertThat(np.spec().ingress()).containsExactly(
        allow(TCP, sel(K8S + " && k == 'v' && k2 == 'v2'", null), EntityRule.EMPTY));
    assertThat(np.spec().egress()).containsExactly(
        allow(TCP, EntityRule.EMPTY, sel(K8S + " && k == 'v' && k2 == 'v2'", null)),
        allow(Protocol.UDP, EntityRule.EMPTY, ports(Port.of(53))));
  }

  @Test
  void namedAndNumericPortsWithoutPeers() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector:
            matchExpressions:
              - {key: toast, operator: DoesNotExist}
          ingress:
            - ports: [{port: 80}, {port: foo}, {port: "8080"}, {port: 81, protocol: TCP}, {port: 82}]
        """);
    assertThat(np.spec().selector()).isEqualTo(K8S + " && ! has(toast)");
    assertThat(np.spec().ingress()).containsExactly(
        allow(TCP, EntityRule.EMPTY, ports(Port.named("foo"), Port.range(80, 82), Port.of(8080))));
  }

  @Test
  void selectorsFromMatchExpressions() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector:
            matchLabels: {b: "2", a: "1"}
            matchExpressions:
              - {key: k, operator: In, values: [v1, v2]}
              - {key: env, operator: NotIn, values: [prod]}
              - {key: team, operator: Exists}
          ingress:
            - from:
                - namespaceSelector:
                    matchExpressions:
                      - {key: toast, operator: In, values: [butter, jam]}
                      - {key: quote, operator: In, values: ["it's"]}
        """);
    assertThat(np.spec().selector())
        .isEqualTo(K8S + " && a == '1' && b == '2' && k in { 'v1', 'v2' } && env not in { 'prod' } && has(team)");
    assertThat(np.spec().ingress().get(0).source().namespaceSelector())
        .isEqualTo("toast in { 'butter', 'jam' } && quote in { \"it's\" }");
  }

  @Test
  void policyTypesDefaultAsKubernetesDoes() {
    NetworkPolicy withEgress = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector: {}
          egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
        """);
    assertThat(withEgress.spec().types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
    NetworkPolicy reversed = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector: {}
          policyTypes: [Egress, Ingress]
        """);
    assertThat(reversed.spec().types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
  }

  @Test
  void cidrsAreMaskedAndCanonical() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          podSelector: {}
          ingress:
            - from:
                - ipBlock: {cidr: 192.168.1.5/16, except: [192.168.3.7/24]}
                - ipBlock: {cidr: "2001:DB8:0:0:1::1/32", except: ["2001:db8:0:0:0:0:0:1/128"]}
        """);
    assertThat(np.spec().ingress()).extracting(r -> r.source().nets(), r -> r.source().notNets()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(List.of("192.168.0.0/16"), List.of("192.168.3.0/24")),
        org.assertj.core.groups.Tuple.tuple(List.of("2001:db8::/32"), List.of("2001:db8::1/128")));
  }

  @Test
  void kubectlOutputWithStatusAndManagedFields() {
    NetworkPolicy np = convert("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: |
              {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy"}
          creationTimestamp: "2024-05-01T10:00:00Z"
          generation: 1
          managedFields:
            - apiVersion: networking.k8s.io/v1
              fieldsType: FieldsV1
              manager: kubectl-client-side-apply
          name: web
          namespace: shop
          resourceVersion: "4711"
          uid: 0b5e6c1e-2f7a-4c8e-9a53-6f0c2b1d9e11
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
        status: {}
        """);
    assertThat(np.qualifiedName()).isEqualTo("shop/knp.default.web");
    assertThat(np.metadata().annotations()).isEmpty();
    assertThat(np.metadata().uid()).isNull();
  }

  @Test
  void kubernetesListOfPolicies() {
    DecodeResult r = CODEC.decode("l", """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: a, namespace: x}
            spec: {podSelector: {}}
          - apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: g}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicyList
        items:
          - metadata: {name: b, namespace: x}
            spec: {podSelector: {}}
        """);
    assertThat(r.problems()).isEmpty();
    assertThat(r.resourceList()).extracting(x -> x.metadata().name()).containsExactly("knp.default.a", "g", "knp.default.b");
  }

  @Test
  void rejectsWhatKubernetesRejectsAndCalicoWouldDrop() {
    String head = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: ns}\nspec:\n";
    assertThat(problems(head + "  podSelectr: {}\n")).containsExactly(
        "knp.yaml:5: document 1 (Kubernetes NetworkPolicy ns/bad): spec.podSelectr: unknown field (did you mean"
            + " \"podSelector\"?) (known: podSelector, policyTypes, ingress, egress)");
    assertThat(problems(head + "  ingress: [{from: [{ipBlock: {cidr: 10.0.0.300/8}}]}]\n")).containsExactly(
        "knp.yaml:5: document 1 (Kubernetes NetworkPolicy ns/bad): spec.ingress[0].from[0].ipBlock.cidr:"
            + " \"10.0.0.300/8\": has an IPv4 octet 300 above 255");
    assertThat(problems(head + "  ingress:\n    - from:\n        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0]}\n"))
        .containsExactly("knp.yaml:7: document 1 (Kubernetes NetworkPolicy ns/bad): spec.ingress[0].from[0].ipBlock.except[0]:"
            + " \"10.1.0.0\" is not a valid CIDR: it needs a prefix length, e.g. /32");
    assertThat(problems(head + "  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]\n"))
        .singleElement().asString().endsWith("spec.egress[0].to[0]: a peer sets either ipBlock or podSelector/namespaceSelector, not both");
    assertThat(problems(head + "  egress: [{to: [{}]}]\n"))
        .singleElement().asString().endsWith("spec.egress[0].to[0]: a peer needs podSelector, namespaceSelector or ipBlock");
    assertThat(problems(head + "  ingress: [{ports: [{port: http, endPort: 90}]}]\n"))
        .singleElement().asString().endsWith("spec.ingress[0].ports[0].endPort: endPort needs a numeric port, not the named port \"http\"");
    assertThat(problems(head + "  ingress: [{ports: [{port: 90, endPort: 80}]}]\n"))
        .singleElement().asString().endsWith("spec.ingress[0].ports[0]: port range \"90:80\" has min > max");
    assertThat(problems(head + "  ingress: [{ports: [{port: 70000}]}]\n"))
        .singleElement().asString().endsWith("spec.ingress[0].ports[0].port: port 70000 is out of range (ports are 1-65535)");
    assertThat(problems(head + "  ingress: [{ports: [{port: '-50:-1'}]}]\n"))
        .singleElement().asString().contains("spec.ingress[0].ports[0].port: \"-50:-1\" is not a port");
    assertThat(problems(head + "  ingress: [{ports: [{protocol: tcp}]}]\n"))
        .singleElement().asString().endsWith("spec.ingress[0].ports[0].protocol: \"tcp\" is not one of TCP, UDP, SCTP (values are case-sensitive: TCP)");
    assertThat(problems(head + "  podSelector: {matchExpressions: [{key: a, operator: In}]}\n"))
        .singleElement().asString().endsWith("spec.podSelector.matchExpressions[0].values: operator In needs at least one value");
    assertThat(problems(head + "  podSelector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}\n"))
        .singleElement().asString().endsWith("spec.podSelector.matchExpressions[0].values: operator Exists takes no values");
    assertThat(problems(head + "  podSelector: {matchExpressions: [{key: a, operator: Equals}]}\n"))
        .singleElement().asString().endsWith("\"Equals\" is not one of In, NotIn, Exists, DoesNotExist");
    assertThat(problems(head + "  policyTypes: [ingress]\n"))
        .singleElement().asString().endsWith("spec.policyTypes[0]: \"ingress\" is not one of Ingress, Egress (values are case-sensitive: Ingress)");
    assertThat(problems("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {}\nextra: 1\n"))
        .singleElement().asString().endsWith("extra: unknown field (known: apiVersion, kind, metadata, spec)");
  }

  /** Calico's port simplification table (input, expected output). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|''", "0|0", "1|1", "65535|65535", "0:65535|0:65535", "1,2|1:2", "2,1|1:2", "1,2,4|1:2,4",
      "1,2,3,4,80:81,81:90,9090|1:4,80:90,9090", "81:90,4,2,80:81,3,1,9090|1:4,80:90,9090",
      "81:90,4,2,foo,80:81,3,1,9090,http|foo,http,1:4,80:90,9090", "foo|foo", "80,80|80", "foo,80|foo,80"})
  void simplifyPorts(String in, String out) {
    List<Port> ports = in.isEmpty() ? List.of() : Arrays.stream(in.split(",")).map(Port::parse).toList();
    String got = K8sNetworkPolicyConverter.simplifyPorts(ports).stream().map(Port::toString).collect(Collectors.joining(","));
    assertThat(got).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"10.1.2.3/8,10.0.0.0/8", "0.0.0.0/0,0.0.0.0/0", "255.255.255.255/32,255.255.255.255/32",
      "::/0,::/0", "::1/128,::1/128", "FD00::1/8,fd00::/8", "2001:db8:0:0:0:0:2:1/128,2001:db8::2:1/128",
      "2001:0:0:1:0:0:0:1/128,2001:0:0:1::1/128", "1:0:0:2:0:0:0:0/128,1:0:0:2::/128", "::ffff:1.2.3.4/128,::ffff:1.2.3.4/128",
      "1::/16,1::/16"})
  void cidrNormalisation(String in, String out) throws Exception {
    assertThat(K8sNetworkPolicyConverter.cidr(in, "spec.ingress[0].from[0].ipBlock.cidr")).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "010.0.0.0/8", "10.0.0.0/08", "1::2::3/64",
      "1:2:3:4:5:6:7:8:9/64", "fe80::1%eth0/64", "g::/8", "/8", "10.0.0.0/", "abc"})
  void badCidrs(String in) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> K8sNetworkPolicyConverter.cidr(in, "x.cidr"))
        .isInstanceOf(K8sConversionException.class).hasMessageContaining("\"" + in + "\"");
  }
}
