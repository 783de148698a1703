package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.selvedge.agent.HealthServer;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.Kind;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code selvedge feeds} and GlobalThreatFeeds through the CLI: apply, {@code feeds --once},
 * {@code get gtf} columns, status kept across user applies, {@code /metrics} of a running
 * {@code feeds} process, and the country source against Debian's GeoIP files.
 */
class FeedsCommandTest {
  @TempDir
  Path dir;
  Path dbFile;
  HttpServer server;
  final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void setUp() throws IOException {
    dbFile = dir.resolve("selvedge.db");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/list.txt", ex -> {
      byte[] b = "192.0.2.0/24\n198.51.100.0/24\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--datastore";
    all[1] = "sqlite:" + dbFile;
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(all);
  }

  private Path feedFile(String name, String labels) throws IOException {
    Path p = dir.resolve(name + ".yaml");
    Files.writeString(p, """
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: NAME}
        spec:
          description: test feed
          globalNetworkSet: {labels: LABELS}
          pull:
            period: 2h
            http: {url: "http://127.0.0.1:PORT/list.txt"}
        status:
          lastSuccessfulSync: "2001-01-01T00:00:00Z"
        """.replace("NAME", name).replace("LABELS", labels)
        .replace("PORT", String.valueOf(server.getAddress().getPort())));
    return p;
  }

  private <T> T stored(Kind kind, String name, Class<T> type) {
    try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(dbFile))) {
      return type.cast(store.get(kind, null, name).orElseThrow());
    }
  }

  @Test
  void applyRunOnceAndGetShowTheFeed() throws IOException {
    Path f = feedFile("drop-list", "{deny: 'true'}");
    CliRun applied = run("apply", "-f", f.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(stored(Kind.GLOBAL_THREAT_FEED, "drop-list", GlobalThreatFeed.class).status())
        .as("a status in the user's file is ignored").isNull();
    CliRun pending = run("get", "gtf");
    assertThat(pending.out()).containsPattern("NAME\\s+PERIOD\\s+LAST SYNC\\s+STATUS")
        .containsPattern("drop-list\\s+2h\\s+never\\s+pending");

    CliRun once = run("feeds", "--once");
    assertThat(once.exitCode()).as(once.err()).isZero();
    assertThat(once.err()).contains("feed drop-list: 2 networks");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, "threatfeed.drop-list", GlobalNetworkSet.class).spec().nets())
        .containsExactly("192.0.2.0/24", "198.51.100.0/24");
    String lastSync = stored(Kind.GLOBAL_THREAT_FEED, "drop-list", GlobalThreatFeed.class).status().lastSuccessfulSync();
    assertThat(run("get", "globalthreatfeeds").out()).containsPattern("drop-list\\s+2h\\s+" + lastSync + "\\s+ok");

    // Re-applying the file (even with another status in it) keeps what the runner reported.
    CliRun again = run("apply", "-f", feedFile("drop-list", "{deny: 'true', team: secops}").toString());
    assertThat(again.exitCode()).isZero();
    GlobalThreatFeed after = stored(Kind.GLOBAL_THREAT_FEED, "drop-list", GlobalThreatFeed.class);
    assertThat(after.status().lastSuccessfulSync()).isEqualTo(lastSync);
    assertThat(run("apply", "-f", feedFile("drop-list", "{deny: 'true', team: secops}").toString()).out())
        .as("unchanged file, unchanged feed").contains("unchanged");

    status.set(500);
    CliRun failed = run("feeds", "--once");
    assertThat(failed.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(run("get", "gtf", "drop-list").out())
        .contains("error: PullFailed: download failed: HTTP status 500 Internal Server Error");
    assertThat(run("get", "gtf", "drop-list", "-o", "yaml").out()).contains("errorConditions:").contains("type: PullFailed");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, "threatfeed.drop-list", GlobalNetworkSet.class).spec().nets()).hasSize(2);
  }

  @Test
  void invalidFeedsAreRefusedWithTheirPath() throws IOException {
    Path p = dir.resolve("bad.yaml");
    Files.writeString(p, """
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: bad}
        spec:
          content: DomainNameSet
          globalNetworkSet: {}
          pull: {http: {url: "file:///etc/passwd"}}
        """);
    CliRun r = run("apply", "-f", p.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).contains("spec.content: DomainNameSet feeds are not supported")
        .contains("spec.pull.http.url: \"file:///etc/passwd\" is not an http or https URL");
  }

  @Test
  void aRunningFeedsProcessServesMetrics() throws Exception {
    run("apply", "-f", feedFile("m", "{a: b}").toString());
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String addr = "127.0.0.1:" + port;
    Thread t = new Thread(() -> run("feeds", "--metrics-addr", addr, "--poll", "1"), "feeds-cli");
    t.setDaemon(true);
    t.start();
    HttpClient client = HttpClient.newHttpClient();
    String body = "";
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!body.contains("selvedge_feed_up{feed=\"m\"} 1") && System.nanoTime() < deadline) {
      try {
        body = client.send(HttpRequest.newBuilder(URI.create("http://" + addr + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    assertThat(body).contains("selvedge_feed_up{feed=\"m\"} 1").contains("selvedge_feed_networks{feed=\"m\"} 2");
    assertThat(HealthServer.parseAddress("none")).isNull();
    // The process runs until SIGTERM; the daemon thread ends with the test JVM.
  }

  @Test
  void aCountryFeedHoldsWhatTheCountryImportWrites() throws IOException {
    Path v4 = Path.of("/usr/share/GeoIP/GeoIP.dat");
    Assumptions.assumeTrue(Files.isRegularFile(v4) && Files.isRegularFile(Path.of("/usr/share/GeoIP/GeoIPv6.dat")),
        "skipped: Debian's GeoIP files are absent (apt-get install geoip-database)");
    Path p = dir.resolve("embargo.yaml");
    Files.writeString(p, """
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: embargo}
        spec:
          globalNetworkSet: {labels: {embargo: 'true'}}
          pull:
            period: 168h
            geoip: {countries: [CU, IR], path: /usr/share/GeoIP/GeoIP.dat}
        """);
    assertThat(run("apply", "-f", p.toString()).exitCode()).isZero();
    CliRun once = run("feeds", "--once");
    assertThat(once.exitCode()).as(once.err()).isZero();
    CliRun imported = run("import", "netset", "reference", "--country", "CU,IR", "--geoip", v4.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    List<String> feedNets = stored(Kind.GLOBAL_NETWORK_SET, "threatfeed.embargo", GlobalNetworkSet.class).spec().nets();
    assertThat(feedNets).hasSizeGreaterThan(100)
        .isEqualTo(stored(Kind.GLOBAL_NETWORK_SET, "reference", GlobalNetworkSet.class).spec().nets());

    // A database that has gone away fails the pull and keeps the set.
    Files.writeString(p, Files.readString(p).replace("/usr/share/GeoIP/GeoIP.dat", dir.resolve("gone.dat").toString()));
    assertThat(run("apply", "-f", p.toString()).exitCode()).isZero();
    assertThat(run("feeds", "--once").exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, "threatfeed.embargo", GlobalNetworkSet.class).spec().nets()).isEqualTo(feedNets);
    assertThat(run("get", "gtf", "embargo").out()).contains("error: PullFailed").contains("gone.dat");
  }
}
