package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selvedge explain} driven in process, offline from files and against a SQLite datastore. */
class ExplainCommandTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
      Path.of("..").toAbsolutePath().normalize().toString()), "examples");

  private static final String CLUSTER = """
      apiVersion: projectcalico.org/v3
      kind: Profile
      metadata: {name: allow-all}
      spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
      ---
      apiVersion: projectcalico.org/v3
      kind: WorkloadEndpoint
      metadata: {name: node1-k8s-web-eth0, namespace: shop, labels: {app: web}}
      spec: {node: node1, orchestrator: k8s, pod: web, endpoint: eth0, interfaceName: cali1,
             ipNetworks: [10.0.0.1/32], profiles: [allow-all]}
      ---
      apiVersion: projectcalico.org/v3
      kind: WorkloadEndpoint
      metadata: {name: node2-k8s-db-eth0, namespace: shop, labels: {app: db}}
      spec: {node: node2, orchestrator: k8s, pod: db, endpoint: eth0, interfaceName: cali2,
             ipNetworks: [10.0.0.2/32], profiles: [allow-all]}
      ---
      apiVersion: projectcalico.org/v3
      kind: NetworkPolicy
      metadata: {name: db-from-web, namespace: shop}
      spec:
        selector: app == 'db'
        ingress:
        - action: Allow
          protocol: TCP
          source: {selector: app == 'web'}
          destination: {ports: [5432]}
      ---
      apiVersion: projectcalico.org/v3
      kind: HostEndpoint
      metadata: {name: node1-eth0, labels: {apply-ip-protect: 'true'}}
      spec: {node: node1, interfaceName: eth0, expectedIPs: [192.168.0.1]}
      """;

  @TempDir
  Path dir;
  Path cluster;

  @BeforeEach
  void setUp() throws Exception {
    cluster = dir.resolve("cluster.yaml");
    Files.writeString(cluster, CLUSTER);
  }

  private CliRun explain(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "explain";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  @Test
  void printsTheVerdictFirstThenThePathWithTheMatchingRuleAsYaml() {
    CliRun r = explain("--src", "10.0.0.1", "--dst", "10.0.0.2:5432", "-f", cluster.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ALLOW\n")
        .contains("flow: TCP 10.0.0.1:49152 -> 10.0.0.2:5432 (new)")
        .contains("node node1, forward")
        .contains("node node2, forward")
        .contains(String.join("\n",
            "      np/shop/db-from-web: ingress[0] Allow",
            "        action: Allow",
            "        protocol: TCP",
            "        source:",
            "          selector: app == 'web'",
            "        destination:",
            "          ports:",
            "            - 5432",
            ""));
    CliRun denied = explain("--src", "10.0.0.1:40000", "--dst", "10.0.0.2:22", "-f", cluster.toString());
    assertThat(denied.out()).startsWith("DENY\n").contains("end of tier default: Deny");
    assertThat(denied.exitCode()).isZero();
  }

  @Test
  void jsonIsForMachines() throws Exception {
    CliRun r = explain("--src", "10.0.0.1", "--dst", "10.0.0.2:5432", "-o", "json", "-f", cluster.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("verdict").asText()).isEqualTo("ALLOW");
    assertThat(j.get("nodes")).hasSize(2);
    assertThat(j.at("/nodes/1/stages/0/events/0/owner/name").asText()).isEqualTo("db-from-web");
  }

  @Test
  void withANodeItIsThatNodesDataplaneOnGivenInterfaces() throws Exception {
    Path all = dir.resolve("all");
    Files.createDirectories(all);
    Files.writeString(all.resolve("cluster.yaml"), CLUSTER);
    for (Path p : Files.list(EXAMPLES).toList()) {
      Files.copy(p, all.resolve(p.getFileName()));
    }
    CliRun blocked = explain("--src", "203.0.113.7", "--dst", "192.168.0.1:443", "--node", "node1", "-f", all.toString());
    assertThat(blocked.exitCode()).as(blocked.err()).isZero();
    assertThat(blocked.out()).startsWith("DENY\n").contains("raw prerouting, hep/node1-eth0 ingress (untracked policy): denied")
        .contains("gnp/ip-protect: ingress[0] Deny");
    CliRun forwarded = explain("--src", "198.51.100.7", "--dst", "10.0.0.1:80", "--node", "node1",
        "--in-interface", "eth0", "-f", all.toString());
    assertThat(forwarded.out()).startsWith("ALLOW\n").contains("in eth0 (hep/node1-eth0)");
    CliRun fromHost = explain("--src", "192.168.0.1", "--dst", "10.0.0.1:80", "--node", "node1",
        "--in-interface", "local", "-f", all.toString());
    assertThat(fromHost.out()).startsWith("ALLOW\n").contains("not policed");
  }

  @Test
  void icmpDefaultsToEchoRequest() {
    CliRun r = explain("--src", "10.0.0.1", "--dst", "10.0.0.2", "--proto", "icmp", "-f", cluster.toString());
    assertThat(r.out()).startsWith("DENY\n").contains("flow: ICMP 10.0.0.1 -> 10.0.0.2 type 8 code 0 (new)");
    CliRun six = explain("--src", "fd00::1", "--dst", "[fd00::2]:80", "-f", cluster.toString());
    assertThat(six.exitCode()).as(six.err()).isZero();
    assertThat(six.out()).contains("flow: TCP [fd00::1]:49152 -> [fd00::2]:80 (new)");
  }

  @Test
  void badOptionsAreUsageErrorsOnOneLine() {
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2", "-f", cluster.toString()), "--dst needs a port");
    assertUsage(explain("--src", "10.0.0.300", "--dst", "10.0.0.2:80", "-f", cluster.toString()), "not an IPv4 or IPv6");
    assertUsage(explain("--src", "10.0.0.0/8", "--dst", "10.0.0.2:80", "-f", cluster.toString()), "not a network");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "fd00::2", "--proto", "icmp", "-f", cluster.toString()),
        "must both be IPv4 or both IPv6");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "--proto", "gre", "-f", cluster.toString()),
        "--proto \"gre\"");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "--proto", "icmp", "-f", cluster.toString()),
        "ports apply to tcp, udp and sctp only");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "--icmp-type", "8", "-f", cluster.toString()),
        "--icmp-type applies to");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "--in-interface", "eth0", "-f",
        cluster.toString()), "need --node");
    assertUsage(explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "-o", "yaml", "-f", cluster.toString()),
        "use text or json");
    assertUsage(explain("--dst", "10.0.0.2:80", "-f", cluster.toString()), "--src");
  }

  private static void assertUsage(CliRun r, String message) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badFilesAreRefusedWithExitOne() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: x}
        spec: {selector: "app ==", ingress: [{action: Allow}]}
        """);
    CliRun r = explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "-f", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).contains("bad.yaml").contains("selector").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    CliRun missing = explain("--src", "10.0.0.1", "--dst", "10.0.0.2:80", "-f", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(missing.err()).contains("no such file");
  }

  @Test
  void readsTheDatastoreWhenNoFilesAreGiven() {
    String db = "sqlite:" + dir.resolve("selvedge.db");
    CliRun applied = CliRun.of("--datastore", db, "apply", "-f", cluster.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    CliRun r = CliRun.of("--datastore", db, "explain", "--src", "10.0.0.1", "--dst", "10.0.0.2:5432");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ALLOW\n").contains("np/shop/db-from-web: ingress[0] Allow");
  }
}
