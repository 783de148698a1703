package io.selvedge.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Action;
import io.selvedge.model.EndpointPort;
import io.selvedge.model.EntityRule;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.HostEndpointSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input: shell and nft metacharacters, quotes, control characters, malformed CIDRs,
 * mixed families and huge lists. Each must be rejected with a message that names the field,
 * quotes the value with control characters escaped, and fits on one line.
 */
class HostileInputTest {
  private static final Validator V = Validator.calico();

  private static final String NAME_RULE = " is not a valid name (lower-case letters, digits, '-' and '.', each"
      + " dot-separated part starting and ending with a letter or digit)";
  private static final String IFACE_RULE = " is not a valid interface name (1-15 letters, digits, '_', '.' and"
      + " '-', or \"*\" for all interfaces)";
  private static final String NAME_PART_RULE = " (a name part is letters, digits, '-', '_' and '.', starting and"
      + " ending with a letter or digit)";

  static Stream<Arguments> cases() {
    return Stream.of(
        // resource names
        Arguments.of("name ;", gns("x;rm -rf /", Map.of(), Map.of()), "metadata.name: \"x;rm -rf /\"" + NAME_RULE),
        Arguments.of("name quote", gns("a\"b", Map.of(), Map.of()), "metadata.name: \"a\\\"b\"" + NAME_RULE),
        Arguments.of("name newline", gns("ok\nmetadata.name: fine", Map.of(), Map.of()),
            "metadata.name: \"ok\\nmetadata.name: fine\"" + NAME_RULE),
        Arguments.of("name $(", gns("$(reboot)", Map.of(), Map.of()), "metadata.name: \"$(reboot)\"" + NAME_RULE),
        Arguments.of("name backtick", gns("`id`", Map.of(), Map.of()), "metadata.name: \"`id`\"" + NAME_RULE),
        Arguments.of("name bidi override", gns("abc\u202egnp", Map.of(), Map.of()),
            "metadata.name: \"abc\\u202egnp\"" + NAME_RULE),
        Arguments.of("selector bidi override", ruleSelector("a == 'b' \u202e&& c == 'd'"),
            "spec.ingress[0].source.selector: \"a == 'b' \\u202e&& c == 'd'\" is not a valid selector: "),
        Arguments.of("name ANSI escape", gns("a\u001b[31mred", Map.of(), Map.of()),
            "metadata.name: \"a\\u001b[31mred\"" + NAME_RULE),
        // labels and annotations
        Arguments.of("label key ;", gns("s", Map.of("a;b", "v"), Map.of()),
            "metadata.labels[\"a;b\"]: label key \"a;b\" has name part \"a;b\"" + NAME_PART_RULE),
        Arguments.of("label value $(", gns("s", Map.of("k", "$(id)"), Map.of()),
            "metadata.labels[\"k\"]: label value \"$(id)\" is not a valid label value (empty, or letters, digits,"
                + " '-', '_' and '.', starting and ending with a letter or digit)"),
        Arguments.of("label key newline", gns("s", Map.of("k\n", "v"), Map.of()),
            "metadata.labels[\"k\\n\"]: label key \"k\\n\" has name part \"k\\n\"" + NAME_PART_RULE),
        Arguments.of("annotation key backtick", gns("s", Map.of(), Map.of("`id`", "v")),
            "metadata.annotations[\"`id`\"]: annotation key \"`id`\" has name part \"`id`\"" + NAME_PART_RULE),
        Arguments.of("annotation key quote", gns("s", Map.of(), Map.of("a'b", "v")),
            "metadata.annotations[\"a'b\"]: annotation key \"a'b\" has name part \"a'b\"" + NAME_PART_RULE),
        // interface names
        Arguments.of("interface ;", hep("eth0;reboot"), "spec.interfaceName: \"eth0;reboot\"" + IFACE_RULE),
        Arguments.of("interface newline", hep("eth0\n"), "spec.interfaceName: \"eth0\\n\"" + IFACE_RULE),
        Arguments.of("interface $(", hep("$(x)"), "spec.interfaceName: \"$(x)\"" + IFACE_RULE),
        Arguments.of("interface quote", hep("eth\"0"), "spec.interfaceName: \"eth\\\"0\"" + IFACE_RULE),
        Arguments.of("interface nft wildcard", hep("eth*"), "spec.interfaceName: \"eth*\"" + IFACE_RULE),
        // port names
        Arguments.of("rule port name ;", rule(new Rule(Action.Allow, null, Protocol.TCP, null, null, null, null,
                new EntityRule(null, null, null, null, List.of(Port.named("http;drop")), null, null, null, null),
                null, null)),
            "spec.ingress[0].destination.ports[0]: \"http;drop\" is not a valid port name: may only contain"
                + " lower-case letters, digits and '-' (" + PortValidator.PORT_NAME_RULES + ")"),
        Arguments.of("endpoint port name `", wepPort("`id`"),
            "spec.ports[0].name: \"`id`\" is not a valid port name: may only contain lower-case letters, digits and"
                + " '-' (" + PortValidator.PORT_NAME_RULES + ")"),
        // selectors
        Arguments.of("selector ;", ruleSelector("role == 'db'; flush ruleset"),
            "spec.ingress[0].source.selector: \"role == 'db'; flush ruleset\" is not a valid selector: "),
        Arguments.of("selector newline", ruleSelector("role == 'db'\n|| all()"),
            "spec.ingress[0].source.selector: \"role == 'db'\\n|| all()\" is not a valid selector: "),
        Arguments.of("selector $(", ruleSelector("$(id) == 'x'"),
            "spec.ingress[0].source.selector: \"$(id) == 'x'\" is not a valid selector: "),
        Arguments.of("selector unbalanced quote", ruleSelector("a == \"b"),
            "spec.ingress[0].source.selector: \"a == \\\"b\" is not a valid selector: "),
        // CIDRs
        Arguments.of("cidr /33", ruleNets("10.0.0.1/33"),
            "spec.ingress[0].source.nets[0]: \"10.0.0.1/33\" is not a valid CIDR: has prefix length 33, out of"
                + " range (IPv4: 0-32)"),
        Arguments.of("cidr 3 octets", ruleNets("1.2.3"),
            "spec.ingress[0].source.nets[0]: \"1.2.3\" is not a valid CIDR: has 3 IPv4 octets (want 4: a.b.c.d)"),
        Arguments.of("cidr ::/129", ruleNets("::/129"),
            "spec.ingress[0].source.nets[0]: \"::/129\" is not a valid CIDR: has prefix length 129, out of range"
                + " (IPv6: 0-128)"),
        Arguments.of("cidr trailing space", ruleNets("10.0.0.0/8 "),
            "spec.ingress[0].source.nets[0]: \"10.0.0.0/8 \" is not a valid CIDR: contains whitespace"),
        Arguments.of("cidr leading zero", ruleNets("010.0.0.0/8"),
            "spec.ingress[0].source.nets[0]: \"010.0.0.0/8\" is not a valid CIDR: has an IPv4 octet with a leading"
                + " zero (ambiguous: some tools read it as octal)"),
        Arguments.of("cidr injection", ruleNets("10.0.0.0/8; flush ruleset"),
            "spec.ingress[0].source.nets[0]: \"10.0.0.0/8; flush ruleset\" is not a valid CIDR: has ';' at"
                + " position 11, not valid in a prefix length"),
        Arguments.of("cidr zone", ruleNets("fe80::1%eth0/128"),
            "spec.ingress[0].source.nets[0]: \"fe80::1%eth0/128\" is not a valid CIDR: has a zone id (\"%...\");"
                + " zones are not allowed"),
        Arguments.of("cidr hostname", ruleNets("example.com/32"),
            "spec.ingress[0].source.nets[0]: \"example.com/32\" is not a valid CIDR: has 'e' at position 1, not"
                + " valid in an IPv4 address"),
        Arguments.of("mixed families", ruleNets("10.0.0.0/8", "2001:db8::/32"),
            "spec.ingress[0].source.nets: mixes IPv4 and IPv6 CIDRs (all nets and notNets of one rule must be of"
                + " one IP family; split it into two rules)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithAQuotedOneLineMessage(String what, Resource r, String expected) {
    List<String> v = V.validate(r).stream().map(Violation::toString).toList();
    assertThat(v).as(what).anySatisfy(s -> assertThat(s).startsWith(expected));
    assertThat(v).allSatisfy(s -> assertThat(s).doesNotContain("\n", "\r", "\u001b", "\u202e"));
  }

  @Test
  void hugeListsAreReportedOnceAndStayFast() {
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      nets.add("10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff) + "/32");
    }
    long t0 = System.nanoTime();
    List<Violation> v = V.validate(rule(new Rule(Action.Allow, null, null, null, null, null,
        new EntityRule(nets, null, null, null, null, null, null, null, null), null, null, null)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(v).extracting(Violation::toString).containsExactly(
        "spec.ingress[0].source.nets: has 200000 entries, 199744 too many (at most 256; use a NetworkSet and a"
            + " selector for long lists)");
    assertThat(ms).isLessThan(10_000);

    List<Port> ports = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      ports.add(Port.of(i));
    }
    assertThat(V.validate(rule(new Rule(Action.Allow, null, Protocol.TCP, null, null, null, null,
        new EntityRule(null, null, null, null, ports, null, null, null, null), null, null))))
        .extracting(Violation::toString)
        .containsExactly("spec.ingress[0].destination.ports: has 10000 entries, 9950 too many (at most 50)");
  }

  @Test
  void aHugeAnnotationValueIsShortenedInTheMessage() {
    List<Violation> v = V.validate(gns("s", Map.of(), Map.of("k\u0000" + "x".repeat(300_000), "v")));
    assertThat(v).extracting(Violation::toString).allSatisfy(s -> assertThat(s.length()).isLessThan(600));
  }

  private static GlobalNetworkSet gns(String name, Map<String, String> labels, Map<String, String> annotations) {
    return new GlobalNetworkSet(new ObjectMeta(name, null, null, null, null, null, labels, annotations), null);
  }

  private static HostEndpoint hep(String iface) {
    return new HostEndpoint(ObjectMeta.named("h"), new HostEndpointSpec("node1", iface, null, null,
        List.of(new EndpointPort("ssh", Protocol.TCP, 22))));
  }

  private static WorkloadEndpoint wepPort(String portName) {
    return new WorkloadEndpoint(ObjectMeta.named("default", "w"), new WorkloadEndpointSpec(null, null, null, null,
        null, null, null, null, null, null, null, null, "cali0", null,
        List.of(new WorkloadEndpointSpec.WorkloadEndpointPort(portName, Protocol.TCP, 80, 0, null)), null, null));
  }

  private static GlobalNetworkPolicy rule(Rule r) {
    return new GlobalNetworkPolicy(ObjectMeta.named("test"),
        new PolicySpec(null, null, null, List.of(r), null, null, null, false, false, false, null, null, null));
  }

  private static GlobalNetworkPolicy ruleSelector(String selector) {
    return rule(new Rule(Action.Allow, null, null, null, null, null,
        new EntityRule(null, selector, null, null, null, null, null, null, null), null, null, null));
  }

  private static GlobalNetworkPolicy ruleNets(String... nets) {
    return rule(new Rule(Action.Allow, null, null, null, null, null,
        new EntityRule(List.of(nets), null, null, null, null, null, null, null, null), null, null, null));
  }
}
