package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Rule;
import io.selvedge.model.StagedAction;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

  @Test
  void aTypicalNetworkPolicyIsValid() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: prod}
        spec:
          tier: default
          order: -12.5
          selector: app == 'web'
          types: [Ingress, Egress]
          ingress:
          - action: Allow
            protocol: TCP
            source: {selector: role == 'lb', namespaceSelector: global()}
            destination: {ports: [80, 443]}
          egress:
          - action: Allow
            destination: {services: {name: db, namespace: prod}}
        """)).isEmpty();
  }

  @Test
  void servicesAndHttpDirections() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: dirs}
        spec:
          ingress:
          - {action: Allow, destination: {services: {name: a, namespace: b}}}
          - {action: Allow, source: {services: {name: a}}}
          egress:
          - {action: Allow, source: {services: {name: a, namespace: b}}, http: {methods: [GET]}}
          - {action: Allow, destination: {services: {name: a}}}
        """)).containsExactly(
        "spec.ingress[0].destination.services: is not allowed in an ingress rule (an ingress rule matches a service"
            + " as its source: use source.services)",
        "spec.ingress[1].source.services.namespace: is missing (a global policy must name the service's namespace)",
        "spec.egress[0].source.services: is not allowed in an egress rule (an egress rule matches a service as its"
            + " destination: use destination.services)",
        "spec.egress[0].http: is not allowed in an egress rule (HTTP matches apply to ingress rules only)",
        "spec.egress[1].destination.services.namespace: is missing (a global policy must name the service's"
            + " namespace)");
  }

  @Test
  void aNamespacedPolicyMayLeaveTheServiceNamespaceOut() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: svc, namespace: prod}
        spec:
          egress: [{action: Allow, destination: {services: {name: db}}}]
        """)).isEmpty();
  }

  @Test
  void preDnatAndDoNotTrack() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: raw}
        spec:
          doNotTrack: true
          preDNAT: true
          types: [Ingress, Egress]
          egress: [{action: Allow}]
        """)).containsExactly(
        "spec.preDNAT: cannot be combined with doNotTrack (a policy is untracked or pre-DNAT, not both)",
        "spec.egress: is not allowed in a preDNAT policy (pre-DNAT policy applies to ingress only)",
        "spec.types: includes Egress, not allowed in a preDNAT policy (use [Ingress])",
        "spec.applyOnForward: must be true when doNotTrack is true");
  }

  @Test
  void globalSelectorsAndOrder() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: sel}
        spec:
          selector: "has(a) &&"
          namespaceSelector: "name == 'global()'"
          serviceAccountSelector: all()
        """)).satisfiesExactly(
        v -> assertThat(v).startsWith("spec.selector: \"has(a) &&\" is not a valid selector: "),
        v -> assertThat(v).startsWith("spec.namespaceSelector: \"name == 'global()'\" uses global()"));
  }

  @Test
  void tierNameAndTooManyRules() {
    String rules = String.join("", Collections.nCopies(1025, "  - {action: Allow}\n"));
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: eng.many}
        spec:
          tier: Eng.Team
          ingress:
        """ + rules)).containsExactly(
        "spec.tier: \"Eng.Team\" is not a valid tier name (at most 63 lower-case letters, digits and '-', starting"
            + " and ending with a letter or digit; no dots)",
        "spec.ingress: has 1025 rules, 1 too many (at most 1024)");
  }

  @Test
  void stagedDeleteAllowsOnlyTier() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: StagedGlobalNetworkPolicy
        metadata: {name: eng.gone}
        spec: {stagedAction: Delete, tier: eng, types: [Egress]}
        """)).as("types are cleared for a staged deletion, as Calico's client does").isEmpty();
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: StagedNetworkPolicy
        metadata: {name: gone, namespace: prod}
        spec: {stagedAction: Delete, order: 10, selector: all(), ingress: [{action: Allow}]}
        """)).containsExactly(
        "spec.order: must be empty when stagedAction is Delete (only tier may be set)",
        "spec.ingress: must be empty when stagedAction is Delete (only tier may be set)",
        "spec.selector: must be empty when stagedAction is Delete (only tier may be set)");
  }

  @Test
  void fieldsOfOtherKindsBuiltInCode() {
    PolicySpec spec = new PolicySpec(StagedAction.Learn, "default", null, List.of(new Rule(null, null, null, null,
        null, null, null, null, null, null)), null, null, null, true, false, false, null, "a == 'b'", null);
    List<Violation> v = Validator.calico().validate(new NetworkPolicy(ObjectMeta.named("ns", "p"), spec));
    assertThat(v).extracting(Violation::toString).containsExactly(
        "spec.namespaceSelector: is set, but namespaceSelector is not a field of NetworkPolicy (only global policies"
            + " have it)",
        "spec.doNotTrack: is set, but doNotTrack is not a field of NetworkPolicy (only global policies have it)",
        "spec.stagedAction: is set, but stagedAction is not a field of NetworkPolicy (only staged policies have it)",
        "spec.ingress[0].action: is missing (one of Allow, Deny, Log, Pass)");
    assertThat(Validator.calico().validate(new GlobalNetworkPolicy(ObjectMeta.named("g"), PolicySpec.EMPTY))).isEmpty();
  }

  @Test
  void nonFiniteOrder() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      PolicySpec spec = new PolicySpec(null, null, d, null, null, null, null, false, false, false, null, null, null);
      assertThat(Validator.calico().validate(new GlobalNetworkPolicy(ObjectMeta.named("g"), spec)))
          .extracting(Violation::toString)
          .containsExactly("spec.order: " + d + " is not a finite number (any finite number; absent means last)");
    }
  }
}
