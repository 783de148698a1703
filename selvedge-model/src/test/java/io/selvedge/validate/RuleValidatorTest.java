package io.selvedge.validate;

import static io.selvedge.validate.TestResources.ruleViolations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {
  private static final String R = "spec.ingress[0].";

  @Test
  void minimalRulesAreValid() {
    assertThat(ruleViolations("action: Allow")).isEmpty();
    assertThat(ruleViolations("{action: Deny, protocol: TCP, destination: {ports: [80, '8000:8080', http]}}")).isEmpty();
    assertThat(ruleViolations("{action: Pass, ipVersion: 6, protocol: ICMPv6, icmp: {type: 128, code: 0}}")).isEmpty();
    assertThat(ruleViolations("{action: Log, source: {nets: [10.0.0.0/8], notNets: [10.1.0.0/16]}}")).isEmpty();
  }

  @Test
  void actionAndIpVersion() {
    assertThat(ruleViolations("{ipVersion: 5}")).containsExactly(
        R + "action: is missing (one of Allow, Deny, Log, Pass)",
        R + "ipVersion: 5 is not an IP version (4 or 6)");
  }

  @Test
  void protocols() {
    assertThat(ruleViolations("{action: Allow, protocol: tcp}")).containsExactly(
        R + "protocol: \"tcp\" is not a valid protocol (a number 1-255 or one of TCP, UDP, ICMP, ICMPv6, SCTP,"
            + " UDPLite; names are case-sensitive)");
    assertThat(ruleViolations("{action: Allow, notProtocol: 0}")).singleElement().asString()
        .startsWith(R + "notProtocol: 0 is not a valid protocol");
    assertThat(ruleViolations("{action: Allow, protocol: 255, notProtocol: UDPLite}")).isEmpty();
  }

  @Test
  void icmpFieldsAndTheirCoupling() {
    assertThat(ruleViolations("{action: Allow, protocol: ICMP, icmp: {type: 255, code: 256}}")).containsExactly(
        R + "icmp.type: 255 is not a valid ICMP type (0-254)",
        R + "icmp.code: 256 is not a valid ICMP code (0-255)");
    assertThat(ruleViolations("{action: Allow, protocol: ICMP, notICMP: {code: 1}}")).containsExactly(
        R + "notICMP.code: is set without a type (an ICMP code needs an ICMP type)");
    assertThat(ruleViolations("{action: Allow, protocol: TCP, icmp: {type: 8}}")).containsExactly(
        R + "icmp: needs protocol ICMP or ICMPv6 (protocol is TCP)");
    assertThat(ruleViolations("{action: Allow, notICMP: {type: 8}}")).containsExactly(
        R + "notICMP: needs protocol ICMP or ICMPv6 (no protocol is set)");
    assertThat(ruleViolations("{action: Allow, protocol: 1, icmp: {type: 8}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, ipVersion: 6, protocol: 1}")).containsExactly(
        R + "protocol: 1 (ICMP) is IPv4-only, but ipVersion is 6 (use ICMPv6, or ipVersion 4)");
    assertThat(ruleViolations("{action: Allow, ipVersion: 4, notProtocol: ICMPv6}")).containsExactly(
        R + "notProtocol: ICMPv6 is IPv6-only, but ipVersion is 4 (use ICMP, or ipVersion 6)");
  }

  @Test
  void icmpAgainstTheFamilyOfTheNets() {
    assertThat(ruleViolations("{action: Allow, protocol: ICMP, destination: {nets: ['2001:db8::/32']}}"))
        .containsExactly(R + "protocol: ICMP is IPv4-only, but the rule's CIDRs are IPv6, so it can never match (use ICMPv6)");
    assertThat(ruleViolations("{action: Allow, protocol: ICMPv6, source: {notNets: [10.0.0.0/8]}}"))
        .containsExactly(R + "protocol: ICMPv6 is IPv6-only, but the rule's CIDRs are IPv4, so it can never match (use ICMP)");
  }

  @Test
  void portsAndProtocolCoupling() {
    assertThat(ruleViolations("{action: Allow, source: {ports: [80, http]}}")).containsExactly(
        R + "source.ports: has numeric ports, but the rule has no protocol (numeric ports need protocol TCP,"
            + " UDP or SCTP; named ports alone need none)");
    assertThat(ruleViolations("{action: Allow, source: {ports: [http]}, destination: {notPorts: [metrics]}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, protocol: UDPLite, destination: {ports: [http]}}")).containsExactly(
        R + "destination.ports: has ports, but protocol UDPLite has no ports (ports need protocol TCP, UDP or SCTP)");
    assertThat(ruleViolations("{action: Allow, protocol: 132, destination: {ports: [1]}}")).isEmpty();
  }

  @Test
  void portValues() {
    assertThat(ruleViolations("{action: Allow, protocol: TCP, destination: {ports: [0, '0:10', Http, a--b,"
        + " 'x_y', abcdefghijklmnop, '80']}}")).containsExactly(
        R + "destination.ports[0]: \"0\" is not a valid port or port range (ports are 1-65535)",
        R + "destination.ports[1]: \"0:10\" is not a valid port or port range (ports are 1-65535)",
        R + "destination.ports[2]: \"Http\" is not a valid port name: may only contain lower-case letters,"
            + " digits and '-' (" + PortValidator.PORT_NAME_RULES + ")",
        R + "destination.ports[3]: \"a--b\" is not a valid port name: must not contain \"--\" ("
            + PortValidator.PORT_NAME_RULES + ")",
        R + "destination.ports[4]: \"x_y\" is not a valid port name: may only contain lower-case letters,"
            + " digits and '-' (" + PortValidator.PORT_NAME_RULES + ")",
        R + "destination.ports[5]: \"abcdefghijklmnop\" is not a valid port name: is 16 characters long (at"
            + " most 15) (" + PortValidator.PORT_NAME_RULES + ")");
  }

  @Test
  void tooManyPorts() {
    String ports = IntStream.rangeClosed(1, 51).mapToObj(String::valueOf).collect(Collectors.joining(","));
    assertThat(ruleViolations("{action: Allow, protocol: TCP, source: {notPorts: [" + ports + "]}}"))
        .containsExactly(R + "source.notPorts: has 51 entries, 1 too many (at most 50)");
  }

  @Test
  void netsMustBeStrictlyMaskedCidrs() {
    assertThat(ruleViolations("{action: Allow, destination: {nets: [10.0.0.0/8, 10.0.0.1/24, 10.0.0.1,"
        + " 10.0.0.1/33, '1.2.3', '::/129', '10.0.0.0/8 ']}}")).containsExactly(
        R + "destination.nets[1]: \"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)",
        R + "destination.nets[2]: \"10.0.0.1\" has no prefix length (write 10.0.0.1/32)",
        R + "destination.nets[3]: \"10.0.0.1/33\" is not a valid CIDR: has prefix length 33, out of range (IPv4: 0-32)",
        R + "destination.nets[4]: \"1.2.3\" is not a valid CIDR: has 3 IPv4 octets (want 4: a.b.c.d)",
        R + "destination.nets[5]: \"::/129\" is not a valid CIDR: has prefix length 129, out of range (IPv6: 0-128)",
        R + "destination.nets[6]: \"10.0.0.0/8 \" is not a valid CIDR: contains whitespace");
  }

  @Test
  void duplicateNets() {
    assertThat(ruleViolations("{action: Allow, source: {nets: [10.0.0.0/8, 11.0.0.0/8, 10.0.0.0/8]}}"))
        .containsExactly(R + "source.nets[2]: \"10.0.0.0/8\" is listed more than once (also at index 0)");
  }

  @Test
  void catchAllInNotNetsInAnySpelling() {
    for (String s : List.of("0.0.0.0/0", "::/0", "::0/0", "0:0:0::/0", "0:0:0:0:0:0:0:0/0", "0000::/0")) {
      assertThat(ruleViolations("{action: Allow, source: {notNets: ['" + s + "']}}")).as(s).singleElement()
          .asString().contains("in notNets excludes every IPv").contains("so the rule can never match");
    }
    // In nets a catch-all is fine: it just selects a family.
    assertThat(ruleViolations("{action: Allow, source: {nets: [0.0.0.0/0]}}")).isEmpty();
  }

  @Test
  void oneFamilyAcrossTheFourNetLists() {
    assertThat(ruleViolations("{action: Allow, source: {nets: [10.0.0.0/8, '2001:db8::/32']}}")).containsExactly(
        R + "source.nets: mixes IPv4 and IPv6 CIDRs (all nets and notNets of one rule must be of one IP family;"
            + " split it into two rules)");
    assertThat(ruleViolations("{action: Allow, source: {notNets: ['2001:db8::/32']}, destination: {notNets: [10.0.0.0/8]}}"))
        .containsExactly(R + "destination.notNets: has IPv4 CIDRs, but the rule's other nets are IPv6 (all nets and"
            + " notNets of one rule must be of one IP family; split it into two rules)");
    assertThat(ruleViolations("{action: Allow, ipVersion: 4, destination: {notNets: ['2001:db8::/32']}}"))
        .containsExactly(R + "destination.notNets: has IPv6 CIDRs, but the rule's ipVersion is 4 (a rule's CIDRs must"
            + " match its ipVersion)");
  }

  @Test
  void tooManyNets() {
    String nets = IntStream.range(0, 257).mapToObj(i -> "10." + (i / 256) + "." + (i % 256) + ".0/24")
        .collect(Collectors.joining(","));
    assertThat(ruleViolations("{action: Allow, source: {nets: [" + nets + "]}}")).containsExactly(
        R + "source.nets: has 257 entries, 1 too many (at most 256; use a NetworkSet and a selector for long lists)");
  }

  @Test
  void selectors() {
    assertThat(ruleViolations("{action: Allow, source: {selector: 'role == \"db\"', notSelector: 'has(x)',"
        + " namespaceSelector: 'global()'}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, source: {selector: 'a = b'}}")).singleElement().asString()
        .startsWith(R + "source.selector: \"a = b\" is not a valid selector: ").contains("at column 3");
    assertThat(ruleViolations("{action: Allow, destination: {selector: 'x == \"global()\"'}}")).singleElement()
        .asString().contains("uses global(), which is only allowed as the whole of a rule's namespaceSelector");
    assertThat(ruleViolations("{action: Allow, destination: {notSelector: 'global()'}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, destination: {namespaceSelector: \"\\tglobal() \"}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, destination: {namespaceSelector: '!global()'}}")).containsExactly(
        R + "destination.namespaceSelector: \"!global()\" combines global() with other terms (global() must be the"
            + " whole namespaceSelector)");
    assertThat(ruleViolations("{action: Allow, destination: {selector: '" + "a".repeat(1025) + "'}}"))
        .containsExactly(R + "destination.selector: is 1025 characters long (at most 1024)");
  }

  @Test
  void serviceAccounts() {
    assertThat(ruleViolations("{action: Allow, source: {serviceAccounts: {names: [api, api, 'Bad_Name'],"
        + " selector: 'a =='}}}")).satisfiesExactly(
        v -> assertThat(v).startsWith(R + "source.serviceAccounts.selector: \"a ==\" is not a valid selector: "),
        v -> assertThat(v).isEqualTo(R + "source.serviceAccounts.names[1]: \"api\" is listed more than once (list each name once)"),
        v -> assertThat(v).startsWith(R + "source.serviceAccounts.names[2]: \"Bad_Name\" is not a valid service account name"));
  }

  @Test
  void services() {
    assertThat(ruleViolations("{action: Allow, source: {services: {name: web, namespace: prod}}}")).isEmpty();
    assertThat(ruleViolations("{action: Allow, source: {services: {namespace: prod}, selector: a == 'b',"
        + " nets: [10.0.0.0/8]}}")).containsExactly(
        R + "source.services.name: is missing (a services match must name the service)",
        R + "source.services: cannot be combined with selector or notSelector in the same entity (remove one)",
        R + "source.services: cannot be combined with nets or notNets in the same entity (a service rule uses the"
            + " service's endpoint addresses)");
  }

  @Test
  void http() {
    assertThat(ruleViolations("{action: Allow, http: {methods: [GET, POST], paths: [{exact: /a}, {prefix: /b/}]}}"))
        .isEmpty();
    assertThat(ruleViolations("{action: Deny, protocol: UDP, http: {methods: [GET, 'GE T', GET],"
        + " paths: [{exact: /a, prefix: /b}, {}, {exact: 'a'}, {prefix: \"/x\\ny\"}]}}")).containsExactly(
        R + "http: is only allowed on Allow rules (action is Deny)",
        R + "http: needs protocol TCP or no protocol (protocol is UDP)",
        R + "http.methods[1]: \"GE T\" is not an HTTP method (letters, digits and !#$%&'*+-.^_`|~)",
        R + "http.methods[2]: \"GET\" is listed more than once (also at index 0)",
        R + "http.paths[0]: sets both exact and prefix (set exactly one)",
        R + "http.paths[1]: sets neither exact nor prefix (set exactly one)",
        R + "http.paths[2].exact: \"a\" is not a valid path (must start with '/' and contain no '?', '#', spaces or"
            + " control characters)",
        R + "http.paths[3].prefix: \"/x\\ny\" is not a valid path (must start with '/' and contain no '?', '#',"
            + " spaces or control characters)");
  }

  @Test
  void ruleAnnotations() {
    assertThat(ruleViolations("{action: Allow, metadata: {annotations: {'a/b/c': x, 'Foo.Bar/Baz': 'y'}}}"))
        .containsExactly(R + "metadata.annotations[\"a/b/c\"]: annotation key \"a/b/c\" has more than one '/' (a key is"
            + " [prefix/]name: an optional DNS subdomain prefix and a name)");
  }

  @Test
  void everyViolationIsCollected() {
    List<String> v = ruleViolations("{ipVersion: 4, protocol: tcp, icmp: {code: 1}, source: {nets: ['::/0',"
        + " 10.0.0.1/8], ports: [0]}, destination: {selector: '&&', notNets: [0.0.0.0/0]}, http: {paths: [{}]}}");
    assertThat(v).hasSizeGreaterThanOrEqualTo(9);
    assertThat(String.join("\n", v)).contains("action: is missing", "protocol: \"tcp\"", "icmp.code",
        "source.nets[1]: \"10.0.0.1/8\" has host bits", "source.ports[0]", "destination.selector",
        "destination.notNets[0]", "http.paths[0]", "source.nets: mixes IPv4 and IPv6");
  }
}
