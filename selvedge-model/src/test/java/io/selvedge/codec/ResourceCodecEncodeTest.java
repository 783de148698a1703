package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.Resource;
import io.selvedge.model.Tier;
import io.selvedge.model.TierSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the YAML and JSON output looks like. */
class ResourceCodecEncodeTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();

  private static final String POLICY_IN = """
      kind: GlobalNetworkPolicy
      apiVersion: projectcalico.org/v3
      spec:
        applyOnForward: true
        types: [Ingress]
        selector: role == 'db' && tier in {"a", "b"}
        ingress:
          - destination: {ports: [80, "1000:2000", http]}
            source:
              selector: "!has(x)"
              nets: [10.0.0.0/8, "fd00::/8", "::/0"]
            protocol: TCP
            action: Allow
          - action: Deny
            icmp: {}
        order: 100
        doNotTrack: false
      metadata:
        annotations: {doc: "line one\\nline two\\n", ctl: "bell\\u0007"}
        labels: {z: '1', a: 'true', m: "x: y", "k.io/n": "*"}
        name: ip-protect
      """;

  private static Resource policy() {
    DecodeResult r = CODEC.decode("p", POLICY_IN);
    assertThat(r.problems()).isEmpty();
    return r.resourceList().get(0);
  }

  @Test
  void yamlLooksHandWritten() {
    assertThat(CODEC.toYaml(policy())).isEqualTo("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata:
          name: ip-protect
          labels:
            a: 'true'
            k.io/n: '*'
            m: 'x: y'
            z: '1'
          annotations:
            ctl: "bell\\u0007"
            doc: |
              line one
              line two
        spec:
          order: 100
          ingress:
            - action: Allow
              protocol: TCP
              source:
                nets:
                  - 10.0.0.0/8
                  - fd00::/8
                  - '::/0'
                selector: '!has(x)'
              destination:
                ports:
                  - 80
                  - 1000:2000
                  - http
            - action: Deny
              icmp: {}
          selector: role == 'db' && tier in {"a", "b"}
          types:
            - Ingress
          applyOnForward: true
        """);
  }

  @Test
  void jsonLooksLikeCalicoctl() {
    Resource t = new Tier(ObjectMeta.named("t"), new TierSpec(1000.0, "Pass"));
    assertThat(CODEC.toJson(t)).isEqualTo("""
        {
          "apiVersion": "projectcalico.org/v3",
          "kind": "Tier",
          "metadata": {
            "name": "t"
          },
          "spec": {
            "order": 1000,
            "defaultAction": "Pass"
          }
        }
        """);
    // one resource: an object; several (or none): an array, as calicoctl prints them
    assertThat(CODEC.toJson(List.of(t))).isEqualTo(CODEC.toJson(t));
    assertThat(CODEC.toJson(List.of(t, t))).startsWith("[\n  {\n    \"apiVersion\"").endsWith("  }\n]\n");
    assertThat(CODEC.toJson(List.of())).isEqualTo("[]\n");
    assertThat(CODEC.decode("j", CODEC.toJson(List.of(t, t))).resourceList()).containsExactly(t, t);
  }

  @Test
  void multipleDocumentsAreSeparated() {
    Resource a = new Tier(ObjectMeta.named("a"), TierSpec.EMPTY);
    Resource b = new GlobalNetworkSet(ObjectMeta.named("b"), new NetworkSetSpec(List.of("10.0.0.0/8")));
    assertThat(CODEC.toYaml(List.of(a, b))).isEqualTo("""
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata:
          name: a
        spec: {}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata:
          name: b
        spec:
          nets:
            - 10.0.0.0/8
        """);
    assertThat(CODEC.toYaml(List.of())).isEmpty();
  }

  @Test
  void mapKeysAreSortedLikeGo() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("b", "1x");
    labels.put("B", "2x");
    labels.put("a", "3x");
    labels.put("é", "4x");
    labels.put("_", "5x");
    Resource s = new GlobalNetworkSet(ObjectMeta.named("s").withLabels(labels), NetworkSetSpec.EMPTY);
    assertThat(CODEC.toYaml(s)).contains("  labels:\n    B: 2x\n    _: 5x\n    a: 3x\n    b: 1x\n    é: 4x\n");
  }

  /** Strings that would read back as something else (or not at all) if written plain. */
  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "1", "-1",
      "+1", "1.0", "1e3", ".5", "0x10", "0o17", "017", "1_000", ".inf", "-.Inf", ".nan", "1:20", "2001-12-14",
      "2001-12-14T21:59:43.10-05:00", "=", "<<", "*", "*x", "&a", "!x", "!!str", "|", ">", "%x", "@x", "`x", "#x",
      "'x", "\"x", "[x", "]", "{x", "}", ",x", "? x", "- x", "-", "x:", "a: b", "a #b", " lead", "trail ", "",
      "---", "...", "tab\there", "nl\nx", "two\nlines\n", "\n", "a\n\n", " x\ny", "ctl\u0001", "del\u007f", "nel\u0085",
      "ls\u2028", "bom\ufeff", "it's", "\"quoted\"", "role == \"db\"", "x\r\ny", "trailing \nspace"})
  void trickyStringsRoundTrip(String s) {
    Map<String, String> labels = Map.of("k", s, s.isEmpty() ? "empty-key" : s, "v");
    Resource r = new GlobalNetworkSet(ObjectMeta.named("n").withLabels(labels), new NetworkSetSpec(List.of(s)));
    String yaml = CODEC.toYaml(r);
    DecodeResult back = CODEC.decode("y", yaml);
    assertThat(back.problems()).as(yaml).isEmpty();
    assertThat(back.resourceList()).as(yaml).containsExactly(r);
    DecodeResult json = CODEC.decode("j", CODEC.toJson(r));
    assertThat(json.resourceList()).containsExactly(r);
    if (!TreeEmitterAccess.plain(s)) {
      assertThat(yaml).as("%s must be quoted", s).doesNotContain("  - " + s + "\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"web", "10.0.0.0/8", "fd00::/8", "2001:db8::1/128", "1000:2000", "role == 'db'",
      "has(x) && y == 'z'", "k in {'a', 'b'}", "knp.default.x", "a-b_c.d", "x:y", "a#b", "é", "1.2.3.4", "0.0.0.0/0",
      "projectcalico.org/name", "AssumeNeededOnEveryNode", "e1", "x-1"})
  void ordinaryStringsStayPlain(String s) {
    assertThat(TreeEmitterAccess.plain(s)).as(s).isTrue();
    Resource r = new GlobalNetworkSet(ObjectMeta.named("n"), new NetworkSetSpec(List.of(s)));
    assertThat(CODEC.toYaml(r)).contains("    - " + s + "\n");
  }

  /** Small bridge to the package-private check. */
  static final class TreeEmitterAccess {
    static boolean plain(String s) {
      return YamlScalars.canBePlain(s);
    }
  }
}
