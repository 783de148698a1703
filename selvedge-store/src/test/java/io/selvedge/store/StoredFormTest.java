package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stored documents decode to what was stored; big network sets, whose nets are read by a streaming
 * pass beside the codec, decode exactly as the codec alone decodes them.
 */
class StoredFormTest {

  @Test
  void bigNetworkSetsDecodeAsTheCodecDecodesThem() {
    List<String> nets = new ArrayList<>(TestResources.cidrs(8_000));
    nets.add("2001:db8::/48");
    nets.add("192.0.2.55/32");
    GlobalNetworkSet gns = TestResources.withAnnotation(TestResources.gns("deny", Map.of("ip-deny-list", "true"),
        nets.toArray(String[]::new)), "selvedge.io/import-source", "file /tmp/a \"b\" [x], {y}");
    NetworkSet ns = TestResources.netset("production", "egress", Map.of("role", "saas"), nets.toArray(String[]::new));
    for (Resource r : List.of(gns, ns)) {
      String json = StoredForm.toJson(r);
      assertThat(json.length()).isGreaterThanOrEqualTo(StoredForm.SPLIT_AT_CHARS);
      StoredNets.Split parts = StoredNets.split(json);
      assertThat(parts.nets()).isEqualTo(nets);
      assertThat(parts.withoutNets()).doesNotContain("10.0.0.1/32").contains("[]");
      Resource split = StoredForm.fromJson(r.kind(), json);
      assertThat(split).isEqualTo(r);
      assertThat(split).isEqualTo(StoredForm.fromJson(r.kind(), json.replace("\n", "\n ")));   // whitespace changes nothing
    }
  }

  @Test
  void smallAndEmptySetsStillGoThroughTheCodec() {
    GlobalNetworkSet small = TestResources.gns("small", "192.0.2.0/24");
    assertThat(StoredForm.fromJson(Kind.GLOBAL_NETWORK_SET, StoredForm.toJson(small))).isEqualTo(small);
    GlobalNetworkSet empty = TestResources.gns("empty");
    assertThat(StoredForm.fromJson(Kind.GLOBAL_NETWORK_SET, StoredForm.toJson(empty))).isEqualTo(empty);
  }

  @Test
  void aCorruptBigSetIsRefusedByTheCodec() {
    String json = StoredForm.toJson(TestResources.gns("deny", TestResources.cidrs(8_000).toArray(String[]::new)));
    String corrupt = json.replaceFirst("(\"nets\"\\s*:\\s*\\[)", "$1 7,");
    assertThat(corrupt).isNotEqualTo(json);
    assertThatThrownBy(() -> StoredForm.fromJson(Kind.GLOBAL_NETWORK_SET, corrupt))
        .isInstanceOf(DatastoreException.class).hasMessageContaining("does not decode");
  }
}
