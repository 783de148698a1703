package io.selvedge.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.cli.Main;
import io.selvedge.model.Kind;
import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code selvedge lab} for real: namespaces, a real SQLite file in a temp dir, the real agent,
 * real packets. The lab gets its own prefix ({@code sv-lab-tPID-}) and state file, so a
 * developer's lab is left alone; whatever happens, the test removes its namespaces and agent.
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LabIT {

    private static final String PREFIX = "sv-lab-t" + ProcessHandle.current().pid() + "-";
    private static final String SECOND_PREFIX = "sv-lab-t" + ProcessHandle.current().pid() + "b-";
    private Path dir;
    private Path db;
    private Path state;

    /** What one cell of the matrix says: packets and explain. */
    record Cell(String packets, String explain) {}

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void needsPythonAndNoLeftovers() {
        Assumptions.assumeTrue(Prober.available(), "the lab probe needs " + Prober.PYTHON);
        removeLeftoverLabs();
    }

    @BeforeEach
    void files() throws IOException {
        dir = Files.createTempDirectory("selvedge-lab-it");
        db = dir.resolve("selvedge.db");
        state = dir.resolve("lab.json");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try {
            lab("down");
        } finally {
            removeLeftoverLabs();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void upProbeApplyTheGuideProbeDown() throws Exception {
        Run up = lab("up");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("lab-eth0", "HostEndpoint", "apply-ip-protect=true", "production/lab-k8s-red-eth0", "color=red",
                "10.0.0.5, 2001:db8:10::5", PREFIX + "host", "203.0.113.7");
        long agentPid = new ObjectMapper().readTree(state.toFile()).get("agentPid").asLong();
        assertThat(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive)).contains(true);

        Run again = lab("up");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("The lab is up already");

        // a second lab on the same datastore would share node "lab": refused, and it leaves nothing
        Path otherState = dir.resolve("other.json");
        Run second = cli("lab", "--state", otherState.toString(), "--prefix", SECOND_PREFIX, "up");
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).contains("left by another lab", "nothing was changed");
        assertThat(Shell.run("ip", "netns", "list")).doesNotContain(SECOND_PREFIX);
        assertThat(otherState).doesNotExist();
        assertThat(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive)).contains(true);

        // the baseline: every pod and peer reaches every other, only pods to their host are dropped
        Map<String, Cell> before = probeJson();
        assertThat(before.get("red 192.0.2.10 tcp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.get("red 198.51.100.9 udp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.get("red 2001:db8:1::9 icmp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.get("red blue tcp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.get("blue host udp")).as("DefaultEndpointToHostAction DROP").isEqualTo(new Cell("deny", "deny"));
        assertThat(before.get("192.0.2.55 red tcp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.get("203.0.113.7 host icmp")).isEqualTo(new Cell("allow", "allow"));
        assertThat(before.values()).allMatch(c -> c.packets().equals(c.explain()));

        Run apply = cli("apply", "-f", Path.of("..", "examples").toString());
        assertThat(apply.code()).as(apply.err()).isZero();

        // the guide: red may only send to 192.0.2.0/24; 192.0.2.55 and 203.0.113.0/24 are dropped at the host
        Map<String, Cell> after = probeJson();
        for (String proto : List.of("tcp", "udp", "icmp")) {
            assertThat(after.get("red 192.0.2.10 " + proto)).isEqualTo(new Cell("allow", "allow"));
            assertThat(after.get("red 192.0.2.55 " + proto)).as("the request leaves; the deny-list is on ingress").isEqualTo(
                    new Cell("allow", "allow"));
            for (String elsewhere : List.of("198.51.100.9", "203.0.113.7", "2001:db8:1::9", "blue", "host")) {
                assertThat(after.get("red " + elsewhere + " " + proto)).as("red -> %s %s", elsewhere, proto).isEqualTo(
                        new Cell("deny", "deny"));
            }
            assertThat(after.get("blue 198.51.100.9 " + proto)).as("blue has no policy").isEqualTo(new Cell("allow", "allow"));
            for (String denied : List.of("192.0.2.55", "203.0.113.7")) {
                for (String to : List.of("red", "blue", "host")) {
                    assertThat(after.get(denied + " " + to + " " + proto)).as("%s -> %s %s", denied, to, proto).isEqualTo(
                            new Cell("deny", "deny"));
                }
            }
            assertThat(after.get("192.0.2.10 host " + proto)).isEqualTo(new Cell("allow", "allow"));
            assertThat(after.get("2001:db8:1::9 blue " + proto)).isEqualTo(new Cell("allow", "allow"));
        }
        assertThat(after.values()).allMatch(c -> c.packets().equals(c.explain()));

        Run text = lab("probe");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("FROM", "red 10.0.0.5", "deny  =", "allow =", "explain predicted every one.")
                .doesNotContain("\u001b[", "allow !", "deny  !", "disagrees");

        // a kernel that does not do what explain says is flagged, and the probe fails
        Shell.run("ip", "netns", "exec", PREFIX + "host", "nft", "delete", "table", "inet", "selvedge");
        Run broken = lab("probe");
        assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("allow !", "explain disagrees on",
                "! 192.0.2.55 -> red, tcp 192.0.2.55:", "packets allow, explain deny",
                "selvedge explain --node lab --src 192.0.2.55:", "explain's reasoning for the first one:");

        Run down = lab("down");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("agent (pid " + agentPid + ")", "netns " + PREFIX + "host", "WorkloadEndpoint production/lab-k8s-red-eth0");
        assertThat(Shell.run("ip", "netns", "list")).doesNotContain(PREFIX);
        assertThat(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(state).doesNotExist();
        try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            for (Kind k : List.of(Kind.HOST_ENDPOINT, Kind.WORKLOAD_ENDPOINT, Kind.PROFILE)) {
                assertThat(store.list(k, null, null)).as("%s left by the lab", k).isEmpty();
            }
            assertThat(store.list(Kind.GLOBAL_NETWORK_POLICY, null, null)).as("the guide's policies are not the lab's").hasSize(2);
            assertThat(store.get(Kind.GLOBAL_NETWORK_SET, null, "ip-protect")).isPresent();
        }
        Run twice = lab("down");
        assertThat(twice.code()).isZero();
        assertThat(twice.out()).contains("No lab here");
    }

    @Test
    void upRefusesToOverwriteAResourceItDidNotMakeAndLeavesNothingBehind() {
        Run mine = cliWithStdin("""
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: lab-k8s-red-eth0, namespace: production, labels: {owner: me}}
                spec: {orchestrator: k8s, node: lab, pod: red, endpoint: eth0, interfaceName: calired, ipNetworks: [10.0.0.5/32]}
                """, "apply", "-f", "-");
        assertThat(mine.code()).as(mine.err()).isZero();

        Run up = lab("up");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("WorkloadEndpoint production/lab-k8s-red-eth0 already exists", "not made by the lab",
                "nothing was changed");
        assertThat(Shell.run("ip", "netns", "list")).doesNotContain(PREFIX);
        assertThat(state).doesNotExist();
        try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            assertThat(store.get(Kind.WORKLOAD_ENDPOINT, "production", "lab-k8s-red-eth0").orElseThrow().metadata().labels())
                    .containsEntry("owner", "me");
            assertThat(store.list(Kind.HOST_ENDPOINT, null, null)).isEmpty();
        }
    }

    @Test
    void usageErrors() {
        assertThat(cli("lab").code()).isEqualTo(2);
        Run badPrefix = cli("lab", "--state", state.toString(), "--prefix", "mine-", "up");
        assertThat(badPrefix.code()).isEqualTo(2);
        assertThat(badPrefix.err()).contains("--prefix", "sv-lab-");
        Run noLab = lab("probe");
        assertThat(noLab.code()).isEqualTo(1);
        assertThat(noLab.err()).contains("no lab is up", "selvedge lab up");
        Run badFormat = lab("probe", "-o", "yaml");
        assertThat(badFormat.code()).isEqualTo(2);
    }

    /** The matrix as "FROM TO PROTO" -> cell, from {@code lab probe -o json}. */
    private Map<String, Cell> probeJson() throws IOException {
        Run r = lab("probe", "-o", "json");
        assertThat(r.code()).as("probe: %s%s", r.out(), r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("disagreements").asInt()).isZero();
        Map<String, Cell> cells = new HashMap<>();
        for (JsonNode f : root.get("flows")) {
            cells.put(f.get("from").asText() + " " + f.get("to").asText() + " " + f.get("protocol").asText(),
                    new Cell(f.get("packets").asText(), f.get("explain").asText()));
        }
        assertThat(cells).hasSize(root.get("flowCount").asInt());
        return cells;
    }

    private Run lab(String... args) {
        List<String> argv = new ArrayList<>(List.of("lab", "--state", state.toString(), "--prefix", PREFIX));
        argv.addAll(List.of(args));
        return cli(argv.toArray(String[]::new));
    }

    private Run cli(String... args) {
        return cliWithStdin("", args);
    }

    private Run cliWithStdin(String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of("--datastore", "sqlite:" + db));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), argv.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Deletes {@code sv-lab-tPID-*} and {@code sv-lab-tPIDb-*} namespaces of this JVM and of dead test JVMs, killing what
     * runs in them (a lab agent left by a crashed run).
     */
    private static void removeLeftoverLabs() {
        for (String line : Shell.run("ip", "netns", "list").split("\n")) {
            String ns = line.split(" ")[0].trim();
            if (!ns.startsWith("sv-lab-t")) {
                continue;
            }
            String digits = ns.substring("sv-lab-t".length()).replaceFirst("\\D.*", "");
            if (digits.isEmpty()) {
                continue;
            }
            long pid = Long.parseLong(digits);
            boolean mine = pid == ProcessHandle.current().pid();
            if (mine || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                for (String p : Shell.run("ip", "netns", "pids", ns).split("\\s+")) {
                    if (!p.isBlank()) {
                        ProcessHandle.of(Long.parseLong(p.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                Shell.run("ip", "netns", "del", ns);
            }
        }
    }
}
