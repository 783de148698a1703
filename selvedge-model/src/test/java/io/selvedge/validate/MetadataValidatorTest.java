package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MetadataValidatorTest {

  private static List<String> named(String kind, String name, String namespace) {
    String spec = switch (kind) {
      case "HostEndpoint" -> "{node: n1, interfaceName: eth0}";
      case "WorkloadEndpoint" -> "{interfaceName: cali0}";
      default -> "{}";
    };
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: KIND
        metadata: {name: 'NAME'NS}
        spec: SPEC
        """.replace("KIND", kind).replace("NAME", name).replace("SPEC", spec)
        .replace("NS", namespace == null ? "" : ", namespace: '" + namespace + "'"));
  }

  @ParameterizedTest(name = "{0} {1} valid={2}")
  @CsvSource(delimiter = '|', textBlock = """
      NetworkPolicy             | web                  | true
      NetworkPolicy             | tier.web             | true
      NetworkPolicy             | a.b.c                | false
      NetworkPolicy             | knp.default.a.b.c    | true
      NetworkPolicy             | ossg.default.x       | true
      NetworkPolicy             | Web                  | false
      NetworkPolicy             | -web                 | false
      StagedNetworkPolicy       | knp.default.x        | true
      GlobalNetworkPolicy       | tier.web             | true
      GlobalNetworkPolicy       | knp.default.x        | false
      StagedGlobalNetworkPolicy | a.b.c                | false
      Tier                      | platform             | true
      Tier                      | plat.form            | false
      GlobalNetworkSet          | a.b.c.d              | true
      GlobalNetworkSet          | a..b                 | false
      GlobalNetworkSet          | a_b                  | false
      Profile                   | kns.default          | true
      HostEndpoint              | node1.eth0           | true
      WorkloadEndpoint          | node1-k8s-pod-eth0   | true
      """)
  void namesPerKind(String kind, String name, boolean valid) {
    List<String> v = named(kind, name, null);
    if (valid) {
      assertThat(v).isEmpty();
    } else {
      assertThat(v).singleElement().asString().startsWith("metadata.name: \"" + name + "\" is not a valid ");
    }
  }

  @Test
  void missingAndTooLongNames() {
    assertThat(named("GlobalNetworkSet", "", null)).containsExactly(
        "metadata.name: is missing (every resource needs a name)");
    assertThat(named("Tier", "x".repeat(64), null)).containsExactly(
        "metadata.name: \"" + "x".repeat(64) + "\" is 64 characters long, 1 too many (at most 63)");
    assertThat(named("GlobalNetworkSet", "x".repeat(300), null)).singleElement().asString()
        .isEqualTo("metadata.name: \"" + "x".repeat(80) + "...\" (300 characters) is 300 characters long, 47 too"
            + " many (at most 253)");
  }

  @Test
  void namespaces() {
    assertThat(named("NetworkSet", "s", "prod-1")).isEmpty();
    assertThat(named("NetworkSet", "s", "Prod")).containsExactly(
        "metadata.namespace: \"Prod\" is not a valid namespace (at most 63 lower-case letters, digits and '-',"
            + " starting and ending with a letter or digit)");
    assertThat(named("GlobalNetworkSet", "s", "prod")).containsExactly(
        "metadata.namespace: is set, but GlobalNetworkSet is not namespaced (leave metadata.namespace out)");
  }

  @Test
  void labelsAndAnnotations() {
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata:
          name: s
          labels:
            ok: fine
            example.com/Name_1.x: "v-1_2.3"
            "": x
            "/a": x
            a/: x
            -a: x
            bad value: x
            k: "-v"
          annotations:
            Example.COM/Note: "anything at all\\n  even newlines"
            "a b": x
        spec: {}
        """)).containsExactly(
        "metadata.labels[\"\"]: label key \"\" has an empty name part (a key is [prefix/]name)",
        "metadata.labels[\"/a\"]: label key \"/a\" has an empty prefix before '/' (a key is [prefix/]name)",
        "metadata.labels[\"a/\"]: label key \"a/\" has an empty name part (a key is [prefix/]name)",
        "metadata.labels[\"-a\"]: label key \"-a\" has name part \"-a\" (a name part is letters, digits, '-', '_' and"
            + " '.', starting and ending with a letter or digit)",
        "metadata.labels[\"bad value\"]: label key \"bad value\" has name part \"bad value\" (a name part is letters,"
            + " digits, '-', '_' and '.', starting and ending with a letter or digit)",
        "metadata.labels[\"k\"]: label value \"-v\" is not a valid label value (empty, or letters, digits, '-', '_'"
            + " and '.', starting and ending with a letter or digit)",
        "metadata.annotations[\"a b\"]: annotation key \"a b\" has name part \"a b\" (a name part is letters, digits,"
            + " '-', '_' and '.', starting and ending with a letter or digit)");
  }

  @Test
  void annotationSizeCountsUtf8Bytes() {
    String big = "é".repeat(131_071); // 262142 bytes
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: s, annotations: {ab: "BIG"}}
        spec: {}
        """.replace("BIG", big))).isEmpty();
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: s, annotations: {abc: "BIG"}}
        spec: {}
        """.replace("BIG", big))).containsExactly(
        "metadata.annotations: total size of annotations is 262145 bytes, 1 too many (keys plus values at most"
            + " 262144 bytes)");
  }
}
