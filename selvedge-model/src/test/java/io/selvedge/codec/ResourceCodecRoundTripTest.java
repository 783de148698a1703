package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * decode(toYaml(x)) == x and decode(toJson(x)) == x for random resources of every kind. Seeded:
 * a failure names its seed and resource so it can be replayed.
 */
class ResourceCodecRoundTripTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 20240601L, 0xC0FFEEL})
  void randomResourcesRoundTrip(long seed) {
    RandomResources gen = new RandomResources(seed);
    List<Resource> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Resource r = gen.next();
      all.add(r);
      String yaml = CODEC.toYaml(r);
      DecodeResult y = CODEC.decode("rt.yaml", yaml);
      assertThat(y.problems()).as("seed %d, resource %d, YAML:%n%s", seed, i, yaml).isEmpty();
      assertThat(y.resourceList()).as("seed %d, resource %d, YAML:%n%s", seed, i, yaml).containsExactly(r);
      String json = CODEC.toJson(r);
      DecodeResult j = CODEC.decode("rt.json", json);
      assertThat(j.problems()).as("seed %d, resource %d, JSON:%n%s", seed, i, json).isEmpty();
      assertThat(j.resourceList()).as("seed %d, resource %d, JSON:%n%s", seed, i, json).containsExactly(r);
      // what is written is stable: writing the decoded value gives the same text
      assertThat(CODEC.toYaml(y.resourceList().get(0))).as("seed %d, resource %d", seed, i).isEqualTo(yaml);
    }
    // and all of them together, as one multi-document YAML and one JSON array
    assertThat(CODEC.decode("all.yaml", CODEC.toYaml(all)).resourceList()).as("seed %d", seed).isEqualTo(all);
    assertThat(CODEC.decode("all.json", CODEC.toJson(all)).resourceList()).as("seed %d", seed).isEqualTo(all);
  }
}
