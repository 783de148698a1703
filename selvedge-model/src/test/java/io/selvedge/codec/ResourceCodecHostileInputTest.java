package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of hostile and broken inputs with the exact problem text a user gets. Every case must
 * come back as problems (never an exception), in plain English, and must not hide the good
 * documents around it.
 */
class ResourceCodecHostileInputTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();

  private static final String GNP = """
      apiVersion: projectcalico.org/v3
      kind: GlobalNetworkPolicy
      metadata:
        name: ip-protect
      spec:
      """;

  private static String gnp(String specBody) {
    return GNP + specBody.indent(2);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, input, resources expected, problem text fragments (each must appear in some formatted problem)
        Arguments.of("malformed YAML (unclosed flow list)",
            "apiVersion: projectcalico.org/v3\nkind: [Tier\nmetadata: {name: x}\n", 0,
            List.of("x:3: document 1: YAML syntax error at line 3, column 9: expected ',' or ']'")),
        Arguments.of("tab indentation",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n\tname: x\n", 0,
            List.of("x:4: document 1: YAML syntax error at line 4, column 1: a tab character is not allowed here (indent YAML with spaces)")),
        Arguments.of("colon in a plain value",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: a: b\n", 0,
            List.of("a ':' is not allowed here (check the indentation, or quote a value that contains ': ')")),
        Arguments.of("value starting with @",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: @x\n", 0,
            List.of("'@' cannot start a value (quote the value)")),
        Arguments.of("unterminated quoted string", "apiVersion: 'projectcalico.org/v3\n", 0,
            List.of("YAML syntax error", "the input ends inside a quoted string")),
        Arguments.of("alias bomb (billion laughs)", billionLaughs(), 0,
            List.of("(a limit against alias bombs)")),
        Arguments.of("recursive alias",
            gnp("ingress: &r\n  - action: Allow\n    x: *r\n"), 0,
            List.of("alias *r is used inside the value it refers to (recursive aliases are not allowed)")),
        Arguments.of("undefined alias", gnp("selector: *nope\n"), 0,
            List.of("x:6: document 1: spec.selector: alias *nope refers to no anchor &nope earlier in this document")),
        Arguments.of("deep nesting (YAML flow)", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", 0,
            List.of("nesting is deeper than 64 levels")),
        Arguments.of("deep nesting (YAML block)", deepBlock(200), 0, List.of("nesting is deeper than 64 levels")),
        Arguments.of("deep nesting (JSON)", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), 0,
            List.of("nesting is deeper than 64 levels")),
        Arguments.of("wrong type: name is a number",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: 123\n", 0,
            List.of("x:4: document 1 (Tier): metadata.name: expected a string, got the number 123 (quote the value to make it a string)")),
        Arguments.of("wrong type: order is a string", gnp("order: abc\n"), 0,
            List.of("spec.order: expected a number, got the string \"abc\"")),
        Arguments.of("wrong type: quoted whole number", gnp("ingress:\n  - action: Allow\n    ipVersion: \"4\"\n"), 0,
            List.of("spec.ingress[0].ipVersion: expected a whole number, got the string \"4\" (remove the quotes)")),
        Arguments.of("wrong type: float for a whole number", gnp("ingress:\n  - action: Allow\n    ipVersion: 4.0\n"), 0,
            List.of("spec.ingress[0].ipVersion: expected a whole number, got the number 4.0")),
        Arguments.of("wrong type: scalar where a list belongs",
            gnp("ingress:\n  - action: Allow\n    source:\n      nets: 10.0.0.0/8\n"), 0,
            List.of("spec.ingress[0].source.nets: expected a list, got the string \"10.0.0.0/8\" (write a single value as a list with one entry)")),
        Arguments.of("wrong type: list where an object belongs", GNP + "  []\n", 0,
            List.of("spec: expected an object, got a list")),
        Arguments.of("wrong type: boolean port, deep",
            gnp("egress:\n  - action: Allow\n    protocol: TCP\n    destination:\n      ports: [80, true]\n"), 0,
            List.of("spec.egress[0].destination.ports[1]: expected a number or a string, got the boolean true")),
        Arguments.of("wrong type: string boolean", gnp("doNotTrack: \"true\"\n"), 0,
            List.of("spec.doNotTrack: expected true or false, got the string \"true\"")),
        Arguments.of("wrong type: YAML 1.1 boolean in a label",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: t\n  labels:\n    enabled: yes\n", 0,
            List.of("metadata.labels.enabled: expected a string, got the boolean true (YAML reads unquoted true/false, yes/no, on/off and y/n as booleans; quote the value)")),
        Arguments.of("number out of range", gnp("ingress:\n  - action: Allow\n    ipVersion: 99999999999\n"), 0,
            List.of("spec.ingress[0].ipVersion: 99999999999 is out of range (-2147483648 to 2147483647)")),
        Arguments.of("infinite order", gnp("order: .inf\n"), 0, List.of("spec.order: must be a finite number")),
        Arguments.of("duplicate key (YAML)",
            "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: a\n  name: b\n", 0,
            List.of("x:5: document 1: metadata.name: duplicate key \"name\" (first at line 4)")),
        Arguments.of("duplicate key (JSON)",
            "{\"apiVersion\": \"projectcalico.org/v3\", \"kind\": \"Tier\",\n \"kind\": \"Tier\", \"metadata\": {\"name\": \"t\"}}", 0,
            List.of("x:2: document 1: kind: duplicate key \"kind\" (first at line 1)")),
        Arguments.of("unknown top-level field", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t}\nspecs: {}\n", 0,
            List.of("x:4: document 1 (Tier t): specs: unknown field (did you mean \"spec\"?) (known: apiVersion, kind, metadata, spec)")),
        Arguments.of("unknown metadata field", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {nmae: t}\n", 0,
            List.of("metadata.nmae: unknown field (did you mean \"name\"?) (known: name, namespace, uid, resourceVersion, generation, creationTimestamp, labels, annotations)")),
        Arguments.of("unknown rule field", gnp("ingress:\n  - action: Allow\n    protocl: TCP\n"), 0,
            List.of("x:8: document 1 (GlobalNetworkPolicy ip-protect): spec.ingress[0].protocl: unknown field (did you mean \"protocol\"?) (known: action, ipVersion, protocol, icmp, notProtocol, notICMP, source, destination, http, metadata)")),
        Arguments.of("unknown entity field", gnp("ingress:\n  - action: Allow\n    source:\n      netz: []\n"), 0,
            List.of("spec.ingress[0].source.netz: unknown field (did you mean \"nets\"?) (known: nets, selector, namespaceSelector, services, ports, notNets, notSelector, notPorts, serviceAccounts)")),
        Arguments.of("rule field in the wrong place", gnp("ingress:\n  - action: Allow\n    nets: [10.0.0.0/8]\n"), 0,
            List.of("spec.ingress[0].nets: unknown field: nets belongs inside \"source\" or \"destination\"")),
        Arguments.of("Kubernetes field in a Calico policy", gnp("podSelector: {}\n"), 0,
            List.of("spec.podSelector: unknown field: Calico policies select endpoints with \"selector\"")),
        Arguments.of("namespaceSelector on a NetworkPolicy",
            "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  namespaceSelector: all()\n", 0,
            List.of("document 1 (NetworkPolicy ns/p): spec.namespaceSelector: unknown field: namespaceSelector exists only on GlobalNetworkPolicy and StagedGlobalNetworkPolicy")),
        Arguments.of("doNotTrack on a StagedNetworkPolicy",
            "apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: {name: p}\nspec:\n  doNotTrack: true\n", 0,
            List.of("spec.doNotTrack: unknown field: doNotTrack exists only on GlobalNetworkPolicy and StagedGlobalNetworkPolicy (known: stagedAction, tier, order, ingress, egress, selector, types, serviceAccountSelector, performanceHints)")),
        Arguments.of("stagedAction on a GlobalNetworkPolicy", gnp("stagedAction: Set\n"), 0,
            List.of("spec.stagedAction: unknown field: stagedAction exists only on StagedNetworkPolicy and StagedGlobalNetworkPolicy")),
        Arguments.of("enum with wrong case", gnp("ingress:\n  - action: allow\n"), 0,
            List.of("spec.ingress[0].action: \"allow\" is not one of Allow, Deny, Log, Pass (values are case-sensitive: Allow)")),
        Arguments.of("enum unknown value", gnp("types: [Ingress, Forward]\n"), 0,
            List.of("spec.types[1]: \"Forward\" is not one of Ingress, Egress")),
        Arguments.of("protocol number too large", gnp("ingress:\n  - action: Allow\n    protocol: 300\n"), 0,
            List.of("spec.ingress[0].protocol: protocol number 300 is out of range (1-255)")),
        Arguments.of("port range backwards", gnp("ingress:\n  - action: Allow\n    protocol: TCP\n    destination: {ports: ['200:100']}\n"), 0,
            List.of("spec.ingress[0].destination.ports[0]: port range \"200:100\" has min > max")),
        Arguments.of("null inside a list", gnp("ingress:\n  - action: Allow\n    source:\n      nets:\n        - 10.0.0.0/8\n        -\n"), 0,
            List.of("spec.ingress[0].source.nets[1]: null is not allowed in a list (remove the empty entry, or quote the value)")),
        Arguments.of("null label value", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: t\n  labels:\n    a:\n", 0,
            List.of("metadata.labels.a: null is not allowed as a label value (use \"\" for an empty value)")),
        Arguments.of("null annotation value", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: t\n  annotations: {\"x.io/y\": null}\n", 0,
            List.of("metadata.annotations[\"x.io/y\"]: null is not allowed as an annotation value")),
        Arguments.of("unknown kind", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", 0,
            List.of("document 1 (Pod p): kind: \"Pod\" is not a known kind; known kinds: NetworkPolicy, GlobalNetworkPolicy, StagedNetworkPolicy, StagedGlobalNetworkPolicy, NetworkSet, GlobalNetworkSet, HostEndpoint, WorkloadEndpoint, Profile, Tier, GlobalThreatFeed, List, and NetworkPolicy of apiVersion networking.k8s.io/v1")),
        Arguments.of("plural kind", "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicies\n", 0,
            List.of("\"GlobalNetworkPolicies\" is not a known kind (did you mean GlobalNetworkPolicy?)")),
        Arguments.of("missing kind", "apiVersion: projectcalico.org/v3\nmetadata: {name: t}\n", 0,
            List.of("kind: missing (every resource needs apiVersion and kind")),
        Arguments.of("empty kind", "apiVersion: projectcalico.org/v3\nkind: ''\n", 0, List.of("kind: must not be empty")),
        Arguments.of("missing apiVersion", "kind: Tier\nmetadata: {name: t}\n", 0,
            List.of("document 1 (Tier t): apiVersion: missing (use projectcalico.org/v3)")),
        Arguments.of("wrong apiVersion", "apiVersion: v1\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\n", 0,
            List.of("apiVersion: \"v1\" is not supported for GlobalNetworkPolicy; use projectcalico.org/v3")),
        Arguments.of("CRD apiVersion", "apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\n", 0,
            List.of("crd.projectcalico.org/v1 is Calico's internal storage format")),
        Arguments.of("unsupported Kubernetes kind", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\n", 0,
            List.of("kind: \"Ingress\" of apiVersion networking.k8s.io/v1 is not supported (only NetworkPolicy is)")),
        Arguments.of("Java type tag", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: !!java.lang.ProcessBuilder [x]\n", 0,
            List.of("metadata.name: YAML tag !!java.lang.ProcessBuilder is not supported (remove it)")),
        Arguments.of("custom tag", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: !custom x\n", 0,
            List.of("YAML tag !custom is not supported (remove it)")),
        Arguments.of("bad !!int", "apiVersion: projectcalico.org/v3\nkind: Tier\nspec:\n  order: !!int ten\n", 0,
            List.of("\"ten\" is not a valid !!int value")),
        Arguments.of("document that is a scalar", "just some text\n", 0,
            List.of("x: document 1: expected a resource (an object with apiVersion, kind, metadata and spec), got the string \"just some text\"")),
        Arguments.of("JSON syntax error", "{\"apiVersion\": \"projectcalico.org/v3\",\n \"kind\": }", 0,
            List.of("x:2: document 1: JSON syntax error at line 2")),
        Arguments.of("control character in YAML", "apiVersion: projectcalico.org/v3\nkind: Tier\u0000\n", 0,
            List.of("the character U+0000, which YAML does not allow (is this a binary file?)")),
        Arguments.of("non-string key", "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  ? [a]\n  : b\n", 0,
            List.of("keys must be plain strings, not lists or objects")),
        Arguments.of("List with a bad item; the others decode", """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: a}
              - apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: b}
                spec: {order: high}
              - apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: c}
            """, 2,
            List.of("x:10: document 1 (Tier b): items[1].spec.order: expected a number, got the string \"high\"")),
        Arguments.of("bad document between good ones", """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: a}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: [b
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: c}
            """, 2, List.of("x:8: document 2: YAML syntax error")),
        Arguments.of("JSON array with a bad element",
            "[{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\",\"metadata\":{\"name\":\"a\"}},\n"
                + " {\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\",\"metadata\":{\"name\":\"b\"},\"spec\":{\"order\":\"1\"}}]", 1,
            List.of("x:2: document 1 (Tier b): [1].spec.order: expected a number, got the string \"1\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInputBecomesProblems(String name, String input, int resources, List<String> expected) {
    DecodeResult r = CODEC.decode("x", input);
    List<String> formatted = r.problems().stream().map(DecodeProblem::format).toList();
    assertThat(r.resources()).as("resources of %s; problems %s", name, formatted).hasSize(resources);
    assertThat(formatted).as(name).isNotEmpty();
    for (String e : expected) {
      assertThat(formatted).as("problems of %s", name).anySatisfy(f -> assertThat(f).contains(e));
    }
    assertPlainEnglish(input.contains("java.lang.") ? List.of() : formatted);
  }

  static void assertPlainEnglish(List<String> formatted) {
    for (String f : formatted) {
      assertThat(f).doesNotContain("java.", "Cannot deserialize", "Exception", "com.fasterxml", "org.yaml",
          "io.selvedge", "[Source:", "(code ");
    }
  }

  @Test
  void problemsPerInputAreCapped() {
    StringBuilder b = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < 5000; i++) {
      b.append("- {apiVersion: projectcalico.org/v3, kind: Tier, spec: {order: x}}\n");
    }
    DecodeResult r = CODEC.decode("many", b.toString());
    assertThat(r.problems()).hasSize(1001);
    assertThat(r.problems().get(1000).format()).isEqualTo("many: 4000 more problems in this input not shown");
    StringBuilder nets = new StringBuilder("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nspec:\n  nets:\n");
    for (int i = 0; i < 500; i++) {
      nets.append("  - ").append(i).append('\n');
    }
    DecodeResult n = CODEC.decode("nets", nets.toString());
    assertThat(n.problems()).hasSize(51);
    assertThat(n.problems().get(50).format()).isEqualTo("nets: document 1 (GlobalNetworkSet): 450 more problems in this document not shown");
  }

  @Test
  void syntaxErrorAfterAJsonValueBelongsToTheNextDocument() {
    DecodeResult r = CODEC.decode("j", "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Tier\"}\n{oops");
    assertThat(r.resources()).hasSize(1);
    assertThat(r.problems()).singleElement().extracting(DecodeProblem::format).asString()
        .startsWith("j:2: document 2: JSON syntax error at line 2");
    assertThat(CODEC.decode("c", "{\"kind\": /* no */ \"Tier\"}").problems()).singleElement()
        .extracting(DecodeProblem::message).asString().endsWith("(JSON has no comments)");
  }

  @Test
  void windowsLineEndings() {
    DecodeResult r = CODEC.decode("crlf", "apiVersion: projectcalico.org/v3\r\nkind: Tier\r\nmetadata:\r\n  name: a\r\n"
        + "---\r\napiVersion: projectcalico.org/v3\r\nkind: Tier\r\nmetadata:\r\n  nme: b\r\n");
    assertThat(r.resources()).hasSize(1);
    assertThat(r.problems()).singleElement().extracting(DecodeProblem::format).asString()
        .startsWith("crlf:9: document 2 (Tier): metadata.nme: unknown field (did you mean \"name\"?)");
  }

  @Test
  void emptyInputsGiveNothing() {
    for (String in : List.of("", "   \n\n", "# just a comment\n", "---\n", "---\n# only a comment\n---\n", "~\n", "null",
        "\uFEFF")) {
      DecodeResult r = CODEC.decode("empty", in);
      assertThat(r.resources()).as("%s", in).isEmpty();
      assertThat(r.problems()).as("%s", in).isEmpty();
    }
  }

  @Test
  void inputOverTheLimitIsRefused() {
    String doc = "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t}\n# " + "x".repeat(2000) + "\n";
    DecodeResult r = CODEC.withMaxInputBytes(1024).decode("big.yaml", doc);
    assertThat(r.resources()).isEmpty();
    assertThat(r.problems()).extracting(DecodeProblem::format)
        .containsExactly("big.yaml: the input is larger than the limit of 1 KiB (1024 bytes)");
    assertThat(CODEC.decode("big.yaml", doc).ok()).isTrue();
    assertThat(ResourceCodec.strict().maxInputBytes()).isEqualTo(64L << 20);
  }

  @Test
  void endlessStreamStopsAtTheLimit() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        return len;
      }
    };
    DecodeResult r = CODEC.withMaxInputBytes(1 << 20).decode("-", endless);
    assertThat(r.problems()).extracting(DecodeProblem::format)
        .containsExactly("-: the input is larger than the limit of 1 MiB (1048576 bytes)");
  }

  @Test
  void binaryJunkIsRefused() {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    DecodeResult r = CODEC.decode("junk.bin", new ByteArrayInputStream(junk));
    assertThat(r.resources()).isEmpty();
    assertThat(r.problems()).singleElement().extracting(DecodeProblem::format).asString()
        .startsWith("junk.bin: the input is not UTF-8 text (invalid byte sequence at byte")
        .endsWith("is this a binary file?");

    byte[] utf16 = "apiVersion: projectcalico.org/v3".getBytes(StandardCharsets.UTF_16);
    assertThat(CODEC.decode("u16", new ByteArrayInputStream(utf16)).problems()).singleElement()
        .extracting(DecodeProblem::message).asString().contains("not UTF-8");
  }

  @Test
  void randomJunkNeverThrows() {
    Random rnd = new Random(7);
    String alphabet = "ab:- \n\t{}[],'\"#&*!|>%@`~?0.9\\\u0000\u00e9";
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int len = rnd.nextInt(60);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String in = b.toString();
      DecodeResult r = CODEC.decode("fuzz", in);
      assertThat(r).as("input %s", in).isNotNull();
      assertPlainEnglish(r.problems().stream().map(DecodeProblem::format).toList());
      assertThat(r.problems()).as("input %s", in).noneSatisfy(p -> assertThat(p.message()).startsWith("internal error"));
    }
  }

  @Test
  void injectionCharactersDecodeUnchanged() {
    String name = "x; rm -rf / $(reboot) `id` \"'";
    String yaml = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata:
          name: 'x; rm -rf / $(reboot) `id` "'''
          labels:
            "a;b": "$(touch /tmp/pwned)"
            c: "line1\\nline2"
          annotations:
            note: "-- ' OR 1=1; DROP TABLE x; <script>"
        spec:
          selector: "a == 'b' && c == \\"d\\""
          ingress:
            - action: Allow
              metadata:
                annotations:
                  comment: "; nft flush ruleset # \\n evil"
        """;
    DecodeResult r = CODEC.decode("inj", yaml);
    assertThat(r.problems()).isEmpty();
    var gnp = (io.selvedge.model.GlobalNetworkPolicy) r.resources().get(0).resource();
    assertThat(gnp.metadata().name()).isEqualTo(name);
    assertThat(gnp.metadata().labels()).containsEntry("a;b", "$(touch /tmp/pwned)").containsEntry("c", "line1\nline2");
    assertThat(gnp.metadata().annotations()).containsEntry("note", "-- ' OR 1=1; DROP TABLE x; <script>");
    assertThat(gnp.spec().selector()).isEqualTo("a == 'b' && c == \"d\"");
    assertThat(gnp.spec().ingress().get(0).metadata().annotations()).containsEntry("comment", "; nft flush ruleset # \n evil");
    // and they survive a round trip unchanged
    assertThat(CODEC.decode("again", CODEC.toYaml(gnp)).resourceList()).containsExactly(gnp);
    assertThat(CODEC.decode("again", CODEC.toJson(gnp)).resourceList()).containsExactly(gnp);
  }

  private static String billionLaughs() {
    StringBuilder b = new StringBuilder("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: lol\n");
    b.append("  annotations:\n    a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    String prev = "a";
    for (char c = 'b'; c <= 'i'; c++) {
      b.append("    ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i > 0 ? "," : "").append('*').append(prev);
      }
      b.append("]\n");
      prev = String.valueOf(c);
    }
    return b.toString();
  }

  private static String deepBlock(int depth) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append("  ".repeat(i)).append("k:\n");
    }
    return b.append("  ".repeat(depth)).append("v\n").toString();
  }
}
