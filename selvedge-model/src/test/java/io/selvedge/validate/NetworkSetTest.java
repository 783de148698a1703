package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static io.selvedge.validate.TestResources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NetworkSet / GlobalNetworkSet validation and normalisation, including a million-entry set. */
class NetworkSetTest {

  @Test
  void netsMayHaveHostBitsAndBareAddressesButMustParseAndBeUnique() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: NetworkSet
        metadata: {name: s, namespace: prod, labels: {projectcalico.org/namespace: prod}}
        spec:
          nets: [10.0.0.1/24, 10.0.0.1, "2001:DB8::1/64", 0.0.0.0/0, "", 10.0.0.1/24, 1.2.3.4/33, "fe80::1%eth0"]
        """)).containsExactly(
        "metadata.labels[\"projectcalico.org/namespace\"]: label key \"projectcalico.org/namespace\" is reserved"
            + " (it is set from the namespace; remove it)",
        "spec.nets[4]: is empty (a CIDR such as 10.0.0.0/8, or an address)",
        "spec.nets[5]: \"10.0.0.1/24\" is listed more than once (also at index 0)",
        "spec.nets[6]: \"1.2.3.4/33\" is not a valid CIDR: has prefix length 33, out of range (IPv4: 0-32)",
        "spec.nets[7]: \"fe80::1%eth0\" is not a valid CIDR: has a zone id (\"%...\"); zones are not allowed");
  }

  @Test
  void normaliserClearsHostBitsAndReportsEachChange() {
    Resource r = yaml("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: s}
        spec:
          nets: [10.0.0.0/24, 192.168.1.7/16, "2001:db8::1/32", 10.0.0.9/24, 10.0.0.1, garbage, 10.1.0.0/16,
                 10.1.2.3/16]
        """);
    NetworkSetNormaliser.Result result = NetworkSetNormaliser.normalise(r);
    assertThat(result.changed()).isTrue();
    assertThat(((GlobalNetworkSet) result.resource()).spec().nets()).containsExactly(
        "10.0.0.0/24", "192.168.0.0/16", "2001:db8::/32", "10.0.0.1", "garbage", "10.1.0.0/16");
    assertThat(result.changes()).extracting(Object::toString).containsExactly(
        "spec.nets[1]: 192.168.1.7/16 normalised to 192.168.0.0/16",
        "spec.nets[2]: 2001:db8::1/32 normalised to 2001:db8::/32",
        "spec.nets[3]: 10.0.0.9/24 normalised to 10.0.0.0/24, the same as spec.nets[0]; dropped",
        "spec.nets[7]: 10.1.2.3/16 normalised to 10.1.0.0/16, the same as spec.nets[6]; dropped");
    assertThat(result.resource().metadata()).isSameAs(r.metadata());
  }

  @Test
  void anUnchangedEntryEqualToAnEarlierRewrittenOneIsDropped() {
    NetworkSet ns = new NetworkSet(ObjectMeta.named("p", "s"), new NetworkSetSpec(List.of("10.0.0.1/8", "10.0.0.0/8")));
    NetworkSetNormaliser.Result result = NetworkSetNormaliser.normalise(ns);
    assertThat(((NetworkSet) result.resource()).spec().nets()).containsExactly("10.0.0.0/8");
    assertThat(result.changes()).extracting(Object::toString).containsExactly(
        "spec.nets[0]: 10.0.0.1/8 normalised to 10.0.0.0/8",
        "spec.nets[1]: 10.0.0.0/8, the same as spec.nets[0]; dropped");
    assertThat(Validator.calico().validate(result.resource())).isEmpty();
  }

  @Test
  void nothingToDoReturnsTheSameResource() {
    GlobalNetworkSet gns = new GlobalNetworkSet(ObjectMeta.named("s"), new NetworkSetSpec(List.of("10.0.0.0/8", "::1")));
    assertThat(NetworkSetNormaliser.normalise(gns).resource()).isSameAs(gns);
    assertThat(NetworkSetNormaliser.normalise(gns).changed()).isFalse();
    Tier t = new Tier(ObjectMeta.named("t"), null);
    assertThat(NetworkSetNormaliser.normalise(t).resource()).isSameAs(t);
  }

  /** A million CIDRs, a tenth of them with host bits: validate and normalise stay linear and fast. */
  @Test
  void globalNetworkSet_1M_nets_validateAndNormalise() {
    Random r = new Random(42);
    int n = 1_000_000;
    List<String> nets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0) {
        nets.add("2001:db8:" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xffff) + "::1/64");
      } else {
        // distinct /32s (no accidental duplicates): 10.x.y.z with x.y.z from i
        nets.add((10 + (i >>> 24)) + "." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff)
            + (r.nextBoolean() ? "" : "/32"));
      }
    }
    GlobalNetworkSet gns = new GlobalNetworkSet(ObjectMeta.named("big"), new NetworkSetSpec(nets));
    Validator validator = Validator.calico();
    validator.validate(gns); // warm-up
    NetworkSetNormaliser.normalise(gns);

    long t0 = System.nanoTime();
    List<Violation> v = validator.validate(gns);
    long t1 = System.nanoTime();
    NetworkSetNormaliser.Result result = NetworkSetNormaliser.normalise(gns);
    long t2 = System.nanoTime();
    System.out.printf("globalNetworkSet_1M_nets: validate %d ms, normalise %d ms (%d changes)%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, result.changes().size());

    assertThat(v).isEmpty();
    assertThat(result.changes()).hasSize(n / 10);
    assertThat(((GlobalNetworkSet) result.resource()).spec().nets()).hasSize(n);
    // Generous bounds for a shared 2-core CI machine; the point is "linear", not a benchmark.
    assertThat((t1 - t0) / 1_000_000).isLessThan(10_000);
    assertThat((t2 - t1) / 1_000_000).isLessThan(10_000);
  }
}
