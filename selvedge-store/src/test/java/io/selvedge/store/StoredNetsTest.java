package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The nets-delta JSON form: written and read back exactly; anything else refused with a reason. */
class StoredNetsTest {

  @Test
  void aDeltaRoundTripsWithDuplicatesAndOrder() {
    NetsDelta d = new NetsDelta(42, List.of("10.0.0.0/8", "10.0.0.0/8", "2001:db8::/32"), List.of("192.0.2.55", "a\"b\\c"));
    String json = StoredNets.toJson(d);
    assertThat(json).isEqualTo("{\"base\":42,\"removed\":[\"10.0.0.0/8\",\"10.0.0.0/8\",\"2001:db8::/32\"],"
        + "\"added\":[\"192.0.2.55\",\"a\\\"b\\\\c\"]}");
    NetsDelta back = StoredNets.fromJson(json);
    assertThat(back.baseRevision()).isEqualTo(42);
    assertThat(back.removed()).containsExactly("10.0.0.0/8", "10.0.0.0/8", "2001:db8::/32");
    assertThat(back.added()).containsExactly("192.0.2.55", "a\"b\\c");
  }

  @Test
  void emptyListsAndUnknownFieldsAreFine() {
    NetsDelta back = StoredNets.fromJson("{\"later\":{\"x\":[1]},\"added\":[],\"base\":7,\"removed\":[]}");
    assertThat(back.baseRevision()).isEqualTo(7);
    assertThat(back.removed()).isEmpty();
    assertThat(back.added()).isEmpty();
  }

  @Test
  void malformedDeltasAreRefused() {
    for (String bad : List.of("[]", "{\"removed\":[],\"added\":[]}", "{\"base\":\"7\",\"removed\":[],\"added\":[]}",
        "{\"base\":7,\"removed\":[1],\"added\":[]}", "{\"base\":7,\"removed\":\"x\",\"added\":[]}", "{\"base\":7,")) {
      assertThatThrownBy(() -> StoredNets.fromJson(bad)).as(bad)
          .isInstanceOf(DatastoreException.class).hasMessageContaining("nets delta does not decode");
    }
  }
}
