package io.selvedge.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationCollectorTest {

  @Test
  void pathsUseFieldNamesIndicesAndQuotedKeys() {
    List<Violation> out = new ArrayList<>();
    ViolationCollector root = ViolationCollector.root(out);
    ViolationCollector nets = root.field("spec").field("egress").index(0).field("destination").field("nets");
    nets.index(1).add("\"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)");
    nets.addAt(2, "x");
    root.field("metadata").field("labels").key("a\"b\nc").add("y");
    root.add("z");
    assertThat(out).extracting(Violation::toString).containsExactly(
        "spec.egress[0].destination.nets[1]: \"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)",
        "spec.egress[0].destination.nets[2]: x",
        "metadata.labels[\"a\\\"b\\nc\"]: y",
        "(resource): z");
    assertThat(out.get(0).path()).isEqualTo("spec.egress[0].destination.nets[1]");
    assertThat(out.get(0).message()).isEqualTo("\"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)");
  }

  @Test
  void quotingShortensAndEscapes() {
    assertThat(Quoted.of("plain")).isEqualTo("\"plain\"");
    assertThat(Quoted.of(null)).isEqualTo("null");
    assertThat(Quoted.of("tab\there\u0007\u2028")).isEqualTo("\"tab\\there\\u0007\\u2028\"");
    assertThat(Quoted.of("y".repeat(81))).isEqualTo("\"" + "y".repeat(80) + "...\" (81 characters)");
    assertThat(Quoted.escapeControls("a\nb")).isEqualTo("a\\u000ab");
    assertThat(Quoted.escapeControls("clean")).isSameAs("clean");
  }
}
