package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.PolicyId;
import io.selvedge.engine.TierDefault;
import io.selvedge.engine.index.PolicySorter.PolicyOrder;
import io.selvedge.engine.index.PolicySorter.SortedTier;
import io.selvedge.model.Kind;
import io.selvedge.model.TierSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySorterTest {
  private final PolicySorter sorter = new PolicySorter();

  private static List<String> names(List<SortedTier> tiers) {
    return tiers.stream().map(t -> t.tier().name()).toList();
  }

  @Test
  void policiesOfEqualOrderSortByNameNamespaceKindStringG4() {
    List<PolicyOrder> ps = List.of(
        new PolicyOrder(PolicyId.global("foo"), "default", 10d),
        new PolicyOrder(PolicyId.global("foo-bar"), "default", 10d),
        new PolicyOrder(PolicyId.global("foo.bar"), "default", 10d),
        new PolicyOrder(PolicyId.global("a"), "default", null),
        new PolicyOrder(PolicyId.global("z"), "default", -1.5d),
        new PolicyOrder(PolicyId.namespaced("ns", "foo"), "default", 10d),
        new PolicyOrder(new PolicyId(Kind.STAGED_NETWORK_POLICY, "ns", "foo"), "default", 10d));
    List<SortedTier> sorted = sorter.sort(ps);
    assertThat(sorted).hasSize(1);
    assertThat(sorted.get(0).policies().stream().map(p -> p.id().toString()))
        .containsExactly("gnp/z", "gnp/foo-bar", "gnp/foo.bar", "gnp/foo", "np/ns/foo", "snp/ns/foo", "gnp/a");
  }

  @Test
  void tiersExistingFirstThenOrderThenNameG5() {
    sorter.updateTier("b", new TierSpec(5d, null));
    sorter.updateTier("a", new TierSpec(5d, "Pass"));
    sorter.updateTier("noorder", TierSpec.EMPTY); // API default 1,000,000, ties with default by name
    List<PolicyOrder> ps = List.of(
        new PolicyOrder(PolicyId.global("p1"), "missing", 1d),
        new PolicyOrder(PolicyId.global("p2"), "default", 1d),
        new PolicyOrder(PolicyId.global("p3"), "b", 1d),
        new PolicyOrder(PolicyId.global("p4"), "a", 1d),
        new PolicyOrder(PolicyId.global("p5"), "noorder", 1d),
        new PolicyOrder(PolicyId.global("p6"), "kube-admin", 1d),
        new PolicyOrder(PolicyId.global("p7"), "amissing", 1d));
    List<SortedTier> sorted = sorter.sort(ps);
    assertThat(names(sorted)).containsExactly("a", "b", "kube-admin", "default", "noorder", "amissing", "missing");
    assertThat(sorted.get(0).tier().defaultAction()).isEqualTo(TierDefault.PASS);
    assertThat(sorted.get(2).tier().defaultAction()).isEqualTo(TierDefault.PASS);
    assertThat(sorted.get(6).tier()).isEqualTo(new PolicySorter.TierInfo("missing", false, null, TierDefault.DENY));
    assertThat(sorter.removeTier("b")).isTrue();
    assertThat(sorter.tier("b").exists()).isFalse();
    assertThat(sorter.removeTier("default")).isFalse(); // built-in: still exists
  }
}
