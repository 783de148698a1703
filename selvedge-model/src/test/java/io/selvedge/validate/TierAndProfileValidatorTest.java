package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TierAndProfileValidatorTest {

  private static List<String> tier(String name, String spec) {
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: NAME}
        spec: SPEC
        """.replace("NAME", name).replace("SPEC", spec));
  }

  @Test
  void tiers() {
    assertThat(tier("security", "{order: 100.5, defaultAction: Pass}")).isEmpty();
    assertThat(tier("default", "{}")).as("unset order and action mean 1000000 and Deny").isEmpty();
    assertThat(tier("security", "{defaultAction: Allow}")).containsExactly(
        "spec.defaultAction: \"Allow\" is not a tier default action (Deny or Pass)");
    assertThat(tier("kube-admin", "{}")).containsExactly(
        "spec.order: the kube-admin tier must have order 1000 (it is unset, which means 1000000)",
        "spec.defaultAction: the kube-admin tier must have defaultAction Pass (it has Deny, the default)");
    assertThat(tier("kube-baseline", "{order: 10000000.5, defaultAction: Pass}")).containsExactly(
        "spec.order: the kube-baseline tier must have order 10000000 (it has 1.00000005E7)");
  }

  @Test
  void profiles() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: Profile
        metadata: {name: kns.prod}
        spec:
          ingress: [{action: Allow}]
          egress: [{action: Allow, protocol: TCP, destination: {ports: [0]}}]
          labelsToApply: {pcns.team: "a b", ok: "yes"}
        """)).containsExactly(
        "spec.egress[0].destination.ports[0]: \"0\" is not a valid port or port range (ports are 1-65535)",
        "spec.labelsToApply[\"pcns.team\"]: label value \"a b\" is not a valid label value (empty, or letters,"
            + " digits, '-', '_' and '.', starting and ending with a letter or digit)");
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: Profile
        metadata: {name: projectcalico-default-allow}
        spec: {}
        """)).containsExactly(
        "metadata.name: \"projectcalico-default-allow\" is a built-in profile (choose another name)");
  }
}
