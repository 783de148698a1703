package io.selvedge.store.etcd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd member (Debian's {@code etcd-server}) for tests: loopback ports (or, with
 * {@link #clusterInNamespace}, given addresses inside a network namespace), its own data
 * directory, output in {@code etcd.log} there. Started members are also killed by a JVM shutdown
 * hook, so a crashed test run leaves no etcd behind. {@link #close} stops it (SIGTERM, then
 * SIGKILL); {@link #kill} is SIGKILL, and {@link #restart} brings it back with the same data.
 */
public final class EtcdProcess implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  /** What etcd 3.4 (zap logger) prints once it serves clients, with TLS or without. */
  private static final String READY_LINE = "serving client traffic";

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  /** TLS files for a member: server certificate and key, and the CA clients must present. */
  public record Tls(Path cert, Path key, Path trustedCa) { }

  private final String name;
  private final Path dataDir;
  private final String host;
  private final int clientPort;
  private final int peerPort;
  private final Tls tls;
  /** The network namespace it runs in ({@code ip netns exec}), or null for the current one. */
  private final String netns;
  private String initialCluster;
  private String clusterState = "new";
  private Process process;

  private EtcdProcess(String name, Path dataDir, int clientPort, int peerPort, Tls tls) {
    this(name, dataDir, "127.0.0.1", clientPort, peerPort, tls, null);
  }

  private EtcdProcess(String name, Path dataDir, String host, int clientPort, int peerPort, Tls tls, String netns) {
    this.name = name;
    this.dataDir = dataDir;
    this.host = host;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.tls = tls;
    this.netns = netns;
  }

  /** One member, started and ready. */
  public static EtcdProcess single(Path dir) throws IOException, InterruptedException {
    return single(dir, null);
  }

  public static EtcdProcess single(Path dir, Tls tls) throws IOException, InterruptedException {
    int[] ports = freePorts(2);
    EtcdProcess p = new EtcdProcess("m0", dir.resolve("m0"), ports[0], ports[1], tls);
    p.initialCluster = "m0=" + p.peerUrl();
    p.start();
    p.awaitReady();
    return p;
  }

  /** {@code n} members forming one cluster, started and ready. */
  public static List<EtcdProcess> cluster(Path dir, int n) throws IOException, InterruptedException {
    int[] ports = freePorts(2 * n);
    List<EtcdProcess> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new EtcdProcess("m" + i, dir.resolve("m" + i), ports[2 * i], ports[2 * i + 1], null));
    }
    return startTogether(members);
  }

  /** Starts {@code members} as one new cluster and waits until each serves clients. */
  private static List<EtcdProcess> startTogether(List<EtcdProcess> members) throws IOException, InterruptedException {
    StringBuilder initial = new StringBuilder();
    for (EtcdProcess m : members) {
      initial.append(initial.length() == 0 ? "" : ",").append(m.name).append('=').append(m.peerUrl());
    }
    for (EtcdProcess m : members) {
      m.initialCluster = initial.toString();
      m.start();
    }
    for (EtcdProcess m : members) {
      m.awaitReady();
    }
    return members;
  }

  /**
   * One member per address in {@code hosts}, inside the network namespace {@code netns} (which
   * must already have those addresses up), on etcd's usual ports 2379 (clients) and 2380
   * (peers); started and ready. For multi-host tests whose agents run in other namespaces.
   */
  public static List<EtcdProcess> clusterInNamespace(Path dir, String netns, List<String> hosts)
      throws IOException, InterruptedException {
    List<EtcdProcess> members = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      members.add(new EtcdProcess("m" + i, dir.resolve("m" + i), hosts.get(i), 2379, 2380, null, netns));
    }
    return startTogether(members);
  }

  public String clientUrl() {
    return (tls == null ? "http" : "https") + "://" + host + ":" + clientPort;
  }

  private String peerUrl() {
    return "http://" + host + ":" + peerPort;
  }

  /** The member's name in its cluster ({@code m0}, {@code m1}, ...). */
  public String name() {
    return name;
  }

  private void start() throws IOException {
    Files.createDirectories(dataDir);
    readyBefore = countReady();
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns)); // execs etcd: the process is etcd itself
    }
    cmd.addAll(List.of("etcd",
        "--name", name,
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", clientUrl(),
        "--advertise-client-urls", clientUrl(),
        "--listen-peer-urls", peerUrl(),
        "--initial-advertise-peer-urls", peerUrl(),
        "--initial-cluster", initialCluster,
        "--initial-cluster-state", clusterState,
        "--initial-cluster-token", "selvedge-test-" + initialCluster.hashCode(),
        "--heartbeat-interval", "100",
        "--election-timeout", "1000",
        "--logger", "zap",
        "--log-outputs", "stderr"));
    if (tls != null) {
      cmd.addAll(List.of("--cert-file", tls.cert().toString(), "--key-file", tls.key().toString(),
          "--trusted-ca-file", tls.trustedCa().toString(), "--client-cert-auth"));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start etcd (these tests need Debian's etcd-server on the PATH;"
          + " .ci/run installs it): " + e.getMessage(), e);
    }
    RUNNING.add(process);
  }

  private Path log() {
    return dataDir.resolve("etcd.log");
  }

  /** Waits until the member logs that it serves clients (it has joined a cluster with a leader). */
  void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd " + name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      if (countReady() > readyBefore) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("etcd " + name + " not ready within 30 s:\n" + tail());
  }

  private int readyBefore;

  private int countReady() throws IOException {
    if (!Files.exists(log())) {
      return 0;
    }
    String s = Files.readString(log(), StandardCharsets.UTF_8);
    int n = 0;
    for (int i = s.indexOf(READY_LINE); i >= 0;
        i = s.indexOf(READY_LINE, i + 1)) {
      n++;
    }
    return n;
  }

  public String tail() throws IOException {
    List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  /** SIGKILL, and wait until it is gone. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
    RUNNING.remove(process);
  }

  /** Starts a killed or stopped member again with its data (rejoining its cluster). */
  public void restart() throws IOException, InterruptedException {
    kill();
    clusterState = "existing";
    start();
    awaitReady();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    RUNNING.remove(process);
  }

  /** Ports free on the loopback interface now (a small race with other programs remains). */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
