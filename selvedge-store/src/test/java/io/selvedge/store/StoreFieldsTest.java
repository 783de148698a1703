package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreFieldsTest {

  @Test
  void createSetsUidGenerationOneAndSecondsPrecisionUtcTimestamp() {
    Resource r = StoreFields.forCreate(TestResources.gns("a", "10.0.0.1/32"), Instant.parse("2025-03-04T05:06:07.891Z"));
    assertThat(r.metadata().uid()).hasSize(36);
    assertThat(r.metadata().generation()).isEqualTo(1L);
    assertThat(r.metadata().creationTimestamp()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(r.metadata().resourceVersion()).isNull();
  }

  @Test
  void updateKeepsIdentityAndBumpsGenerationOnlyForSpecChanges() {
    ObjectMeta stored = new ObjectMeta("a", null, "u-1", "7", 3L, "2025-01-01T00:00:00Z", null, null);
    Resource in = TestResources.gns("a", "10.0.0.1/32");
    assertThat(StoreFields.forUpdate(in, stored, true).metadata())
        .extracting(ObjectMeta::uid, ObjectMeta::generation, ObjectMeta::creationTimestamp)
        .containsExactly("u-1", 4L, "2025-01-01T00:00:00Z");
    assertThat(StoreFields.forUpdate(in, stored, false).metadata().generation()).isEqualTo(3L);
  }

  @Test
  void blankResourceVersionIsNoPrecondition() {
    assertThat(StoreFields.expectedVersion(TestResources.withVersion(TestResources.gns("a"), " "))).isNull();
    assertThat(StoreFields.expectedVersion(TestResources.withVersion(TestResources.gns("a"), " 12 "))).isEqualTo("12");
  }

  @Test
  void specDigestSeesSpecOnlyAndMetadataDigestIgnoresOrder() {
    Resource a = TestResources.gns("a", Map.of("x", "1"), "10.0.0.1/32");
    Resource relabelled = TestResources.gns("a", Map.of("x", "2"), "10.0.0.1/32");
    Resource respecced = TestResources.gns("a", Map.of("x", "1"), "10.0.0.2/32");
    assertThat(ContentDigest.spec(a)).isEqualTo(ContentDigest.spec(relabelled)).isNotEqualTo(ContentDigest.spec(respecced));
    assertThat(ContentDigest.metadata(a)).isNotEqualTo(ContentDigest.metadata(relabelled));

    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertThat(ContentDigest.metadata(TestResources.gns("a", ab))).isEqualTo(ContentDigest.metadata(TestResources.gns("a", ba)));
    // Labels vs annotations with the same entries differ; so do key/value splits.
    assertThat(ContentDigest.metadata(TestResources.gns("a", Map.of("ab", "c"))))
        .isNotEqualTo(ContentDigest.metadata(TestResources.gns("a", Map.of("a", "bc"))));
    assertThat(ContentDigest.metadata(TestResources.withAnnotation(TestResources.gns("a"), "k", "v")))
        .isNotEqualTo(ContentDigest.metadata(TestResources.gns("a", Map.of("k", "v"))));
    assertThat(ContentDigest.spec(TestResources.gns("a", "10.0.0.1/32", "10.0.0.2/32")))
        .isNotEqualTo(ContentDigest.spec(TestResources.gns("a", List.of("10.0.0.2/32", "10.0.0.1/32").toArray(String[]::new))));
  }
}
