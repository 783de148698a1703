package io.selvedge.validate;

import io.selvedge.model.UserText;
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
    assertThat(UserText.quoted("plain")).isEqualTo("\"plain\"");
    assertThat(UserText.quoted(null)).isEqualTo("null");
    assertThat(UserText.quoted("tab\there\u0007\u2028")).isEqualTo("\"tab\\there\\u0007\\u2028\"");
    assertThat(UserText.quoted("y".repeat(81))).isEqualTo("\"" + "y".repeat(80) + "...\" (81 characters)");
    assertThat(UserText.escapeControls("a\nb")).isEqualTo("a\\u000ab");
    assertThat(UserText.escapeControls("clean")).isSameAs("clean");
  }
}
