package io.selvedge.validate;

import static io.selvedge.validate.TestResources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyDefaultsTest {

  private static PolicySpec specOf(String kind, String spec) {
    Resource r = PolicyDefaults.apply(yaml("""
        apiVersion: projectcalico.org/v3
        kind: KIND
        metadata: {name: p}
        spec: SPEC
        """.replace("KIND", kind).replace("SPEC", spec)));
    return (PolicySpec) r.spec();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      NetworkPolicy             | {}                                              | Ingress
      NetworkPolicy             | {ingress: [{action: Allow}]}                    | Ingress
      NetworkPolicy             | {egress: [{action: Allow}]}                     | Egress
      GlobalNetworkPolicy       | {ingress: [{action: Allow}], egress: [{action: Deny}]} | Ingress,Egress
      StagedNetworkPolicy       | {egress: [{action: Allow}]}                     | Egress
      StagedGlobalNetworkPolicy | {ingress: [{action: Allow}], egress: [{action: Deny}]} | Ingress,Egress
      GlobalNetworkPolicy       | {types: [Egress], ingress: [{action: Allow}]}   | Egress
      NetworkPolicy             | {egress: []}                                    | Ingress
      """)
  void fillsTypesWhenEmpty(String kind, String spec, String types) {
    assertThat(specOf(kind, spec).types()).extracting(PolicyType::name).containsExactly(types.split(","));
  }

  @Test
  void fillsTierAndStagedAction() {
    assertThat(specOf("NetworkPolicy", "{}").tier()).isEqualTo("default");
    assertThat(specOf("NetworkPolicy", "{tier: eng}").tier()).isEqualTo("eng");
    assertThat(specOf("StagedNetworkPolicy", "{}").stagedAction()).isEqualTo(StagedAction.Set);
    assertThat(specOf("NetworkPolicy", "{}").stagedAction()).isNull();
    PolicySpec delete = specOf("StagedGlobalNetworkPolicy", "{stagedAction: Delete, types: [Ingress]}");
    assertThat(delete.types()).isEmpty();
    assertThat(delete.tier()).isEqualTo("default");
  }

  @Test
  void returnsTheSameResourceWhenNothingIsMissingAndLeavesOtherKindsAlone() {
    NetworkPolicy complete = (NetworkPolicy) PolicyDefaults.apply(yaml("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: p}
        spec: {tier: default, types: [Ingress]}
        """));
    assertThat(PolicyDefaults.apply(complete)).isSameAs(complete);
    GlobalNetworkSet gns = new GlobalNetworkSet(ObjectMeta.named("s"), null);
    assertThat(PolicyDefaults.apply(gns)).isSameAs(gns);
    assertThat(PolicyDefaults.apply(new StagedNetworkPolicy(null, null))).isInstanceOf(StagedNetworkPolicy.class);
    assertThat(PolicyDefaults.apply(new StagedGlobalNetworkPolicy(null, null)).metadata()).isNotNull();
  }
}
