package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A GlobalNetworkSet of a million CIDRs (about 18 MB of YAML) must decode and encode; the times
 * are printed, not asserted (they depend on the machine).
 */
class LargeInputTest {
  private static final int CIDRS = 1_000_000;

  @Test
  void millionCidrGlobalNetworkSet() {
    StringBuilder b = new StringBuilder(CIDRS * 20);
    b.append("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: blocklist\nspec:\n  nets:\n");
    for (int i = 0; i < CIDRS; i++) {
      b.append("    - ").append(10 + (i >> 16)).append('.').append((i >> 8) & 255).append('.').append(i & 255).append(".0/24\n");
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    b = null;
    ResourceCodec codec = ResourceCodec.strict();

    long t0 = System.nanoTime();
    DecodeResult r = codec.decode("blocklist.yaml", new ByteArrayInputStream(bytes));
    long t1 = System.nanoTime();
    assertThat(r.problems()).isEmpty();
    GlobalNetworkSet s = (GlobalNetworkSet) r.resources().get(0).resource();
    assertThat(s.spec().nets()).hasSize(CIDRS);
    assertThat(s.spec().nets().get(CIDRS - 1)).isEqualTo("25.66.63.0/24");

    String yaml = codec.toYaml(s);
    long t2 = System.nanoTime();
    String json = codec.toJson(s);
    long t3 = System.nanoTime();
    DecodeResult back = codec.decode("blocklist.json", json);
    long t4 = System.nanoTime();
    assertThat(back.resourceList()).containsExactly(s);
    System.out.printf("1M-CIDR GlobalNetworkSet (%.1f MB YAML): decode YAML %d ms, toYaml %d ms (%.1f MB), toJson %d ms,"
        + " decode JSON %d ms%n", bytes.length / 1e6, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, yaml.length() / 1e6,
        (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
  }
}
