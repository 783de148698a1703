package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.Netns;
import io.selvedge.nft.NetnsLeftovers;
import io.selvedge.probe.Prober;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent on etcd when etcd goes away: an etcd member runs inside the {@link Topology} host
 * namespace (so the agent there reaches it on its own loopback); it is killed with SIGKILL while
 * the agent runs — the kernel keeps enforcing (denied stays denied, allowed stays allowed), the
 * agent stays up and logs the failure — then restarted with its data, and a change written after
 * that is enforced (the agent reconverged).
 */
@ExtendWith(NetnsLeftovers.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgentEtcdIT {

    static final String URL = "etcd:http://127.0.0.1:2379";

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(Prober.available(), "the probe agent needs " + Prober.PYTHON);
        Assumptions.assumeTrue(Netns.status("etcd", "--version") == 0, "needs etcd on the PATH");
    }

    /** etcd inside {@code ns}, data in {@code dir}; waits until it serves clients. */
    static Process etcd(Netns ns, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("etcd.log");
        long before = Files.exists(log) ? Files.readString(log).split("serving client traffic", -1).length : 1;
        Process p = new ProcessBuilder(List.of("ip", "netns", "exec", ns.name, "etcd", "--name", "agent-it",
                "--data-dir", dir.resolve("data").toString(), "--listen-client-urls", "http://127.0.0.1:2379",
                "--advertise-client-urls", "http://127.0.0.1:2379", "--listen-peer-urls", "http://127.0.0.1:2380",
                "--initial-advertise-peer-urls", "http://127.0.0.1:2380", "--initial-cluster", "agent-it=http://127.0.0.1:2380",
                "--logger", "zap", "--log-outputs", "stderr"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).split("serving client traffic", -1).length > before) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("etcd exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("etcd not ready in 30 s");
    }

    @Test
    void kernelKeepsEnforcingWhileEtcdIsDownAndTheAgentReconverges() throws Exception {
        Path dir = Files.createTempDirectory("selvedge-agent-etcd");
        try (Topology t = Topology.build(0)) {
            Process etcd = etcd(t.host, dir);
            AgentProcess.selvedgeIn(t.host, URL, States.guideExamples() + GuideIT.IT_ENDPOINTS, "apply", "-f", "-");
            try (AgentProcess agent = AgentProcess.start(t.host, URL)) {
                agent.awaitLog("nft: replaced table", 0, 60);
                Prober peer = t.prober(t.peer);
                t.prober(t.host);
                assertThat(peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.10")).isEqualTo("ok");
                assertThat(peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.55")).isNotEqualTo("ok");

                etcd.destroyForcibly();
                etcd.waitFor();
                AgentProcess.pause(3000);
                assertThat(peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.55")).as("denied while etcd is down")
                        .isNotEqualTo("ok");
                assertThat(peer.probe("udp", "198.51.100.1", 8081, 600, "192.0.2.10")).as("allowed while etcd is down")
                        .isEqualTo("ok");
                assertThat(t.host.exec("nft", "list", "tables")).contains("table inet selvedge");
                assertThat(agent.pid()).matches(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "agent still running");

                etcd = etcd(t.host, dir);
                AgentProcess.selvedgeIn(t.host, URL, AgentIT.DENY_LIST_WITH_10, "apply", "-f", "-");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                String got = "ok";
                while (got.equals("ok") && System.nanoTime() < deadline) {
                    got = peer.probe("udp", "198.51.100.1", 8081, 300, "192.0.2.10");
                }
                assertThat(got).as("change written after etcd came back; agent log:%n%s", agent.log()).isNotEqualTo("ok");
                System.out.println("AgentEtcdIT agent log:\n" + agent.log());
            } finally {
                etcd.destroyForcibly();
                etcd.waitFor();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
