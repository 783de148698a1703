package io.selvedge.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.selvedge.agent.AgentLog;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.Kind;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed runner against a local HTTP server and a real SQLite file: successes, content changes,
 * every kind of failure (the set never shrinks; status, metrics and log say why), scheduling by
 * period on an injected clock, and status writes that do not fight users.
 */
class FeedRunnerTest {
  private static final String GOOD = "# a feed\n192.0.2.0/25\n192.0.2.128/25\n198.51.100.7\n2001:db8::/32\n";

  @TempDir
  Path dir;
  HttpServer server;
  Datastore store;
  final TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"));
  final FeedMetrics metrics = new FeedMetrics();
  final StringWriter log = new StringWriter();
  final AtomicInteger requests = new AtomicInteger();
  volatile Handler handler = body(GOOD);

  /** What the server does for the next request. */
  interface Handler {
    void handle(com.sun.net.httpserver.HttpExchange ex) throws IOException;
  }

  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/feed", ex -> {
      requests.incrementAndGet();
      handler.handle(ex);
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    store = DatastoreFactory.open(DatastoreUrl.sqlite(dir.resolve("selvedge.db")));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    store.close();
  }

  static Handler body(String text) {
    return ex -> {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    };
  }

  static Handler status(int code) {
    return ex -> {
      byte[] b = "oops".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(code, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    };
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed";
  }

  GlobalThreatFeed applyFeed(String name, String extraSpec) {
    String yaml = """
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: NAME}
        spec:
          globalNetworkSet: {labels: {threat: deny}}
          pull:
            period: 1h
            http: {url: "URL"EXTRA}
        """.replace("NAME", name).replace("URL", url()).replace("EXTRA", extraSpec);
    return (GlobalThreatFeed) store.apply(ResourceCodec.strict().decode("test", yaml).resourceList().get(0));
  }

  FeedRunner runner(Duration timeout) {
    return new FeedRunner(store, new FeedPuller(timeout, 1 << 20), metrics, clock, new AgentLog(new PrintWriter(log, true)));
  }

  GlobalNetworkSet set(String feed) {
    return (GlobalNetworkSet) store.get(Kind.GLOBAL_NETWORK_SET, null, GlobalThreatFeed.SET_PREFIX + feed).orElseThrow();
  }

  GlobalThreatFeed feed(String name) {
    return (GlobalThreatFeed) store.get(Kind.GLOBAL_THREAT_FEED, null, name).orElseThrow();
  }

  @Test
  void successWritesTheLabelledSetAndStatus() {
    applyFeed("bad-ips", "");
    FeedRunner r = runner(Duration.ofSeconds(5));
    assertThat(r.tick(false)).isZero();
    GlobalNetworkSet s = set("bad-ips");
    assertThat(s.spec().nets()).containsExactly("192.0.2.0/24", "198.51.100.7/32", "2001:db8::/32");
    assertThat(s.metadata().labels()).containsEntry("threat", "deny");
    assertThat(s.metadata().annotations()).containsEntry(FeedSetWriter.CREATOR_ANNOTATION, FeedSetWriter.CREATOR);
    GlobalThreatFeed f = feed("bad-ips");
    assertThat(f.status().lastSuccessfulSync()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(f.status().errorConditions()).isEmpty();
    assertThat(f.metadata().generation()).as("a status write is not a spec change").isEqualTo(1L);
    assertThat(metrics.render()).contains("selvedge_feed_up{feed=\"bad-ips\"} 1")
        .contains("selvedge_feed_networks{feed=\"bad-ips\"} 3")
        .contains("selvedge_feed_pulls_total{feed=\"bad-ips\",result=\"success\"} 1");
  }

  @Test
  void contentChangeUpdatesTheSetAndSameContentWritesNothing() {
    applyFeed("f", "");
    FeedRunner r = runner(Duration.ofSeconds(5));
    r.tick(false);
    String rv = set("f").metadata().resourceVersion();
    clock.advance(Duration.ofHours(1));
    r.tick(false);
    assertThat(requests.get()).isEqualTo(2);
    assertThat(set("f").metadata().resourceVersion()).as("same content: no write").isEqualTo(rv);
    handler = body("203.0.113.0/24\n");
    clock.advance(Duration.ofHours(1));
    r.tick(false);
    assertThat(set("f").spec().nets()).as("a successful pull may shrink the set").containsExactly("203.0.113.0/24");
    assertThat(feed("f").status().lastSuccessfulSync()).isEqualTo("2026-11-26T12:00:00Z");
  }

  /** Pulls GOOD, then fails with {@code failure}; the set keeps GOOD and the error shows everywhere. */
  private String failsAfterAGoodPull(Handler failure, Duration timeout, String expectedMessage) {
    applyFeed("f", "");
    FeedRunner r = runner(timeout);
    r.tick(false);
    List<String> good = set("f").spec().nets();
    String rv = set("f").metadata().resourceVersion();
    handler = failure;
    clock.advance(Duration.ofHours(1));
    assertThat(r.tick(false)).isEqualTo(1);
    assertThat(set("f").spec().nets()).isEqualTo(good);
    assertThat(set("f").metadata().resourceVersion()).isEqualTo(rv);
    GlobalThreatFeed f = feed("f");
    assertThat(f.status().lastSuccessfulSync()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(f.status().errorConditions()).hasSize(1);
    assertThat(f.status().errorConditions().get(0).type()).isEqualTo("PullFailed");
    assertThat(f.status().errorConditions().get(0).message()).contains(expectedMessage);
    assertThat(metrics.render()).contains("selvedge_feed_up{feed=\"f\"} 0")
        .contains("selvedge_feed_networks{feed=\"f\"} 3")
        .contains("selvedge_feed_pulls_total{feed=\"f\",result=\"failure\"} 1");
    assertThat(log.toString()).contains("the set threatfeed.f keeps its 3 networks");
    return f.status().errorConditions().get(0).message();
  }

  @Test
  void serverErrorKeepsTheSet() {
    failsAfterAGoodPull(status(500), Duration.ofSeconds(5), "HTTP status 500 Internal Server Error");
  }

  @Test
  void timeoutKeepsTheSet() {
    failsAfterAGoodPull(ex -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      body(GOOD).handle(ex);
    }, Duration.ofSeconds(1), "timed out after 1 s");
  }

  @Test
  void truncatedBodyKeepsTheSet() {
    failsAfterAGoodPull(ex -> {
      ex.sendResponseHeaders(200, 10_000);
      OutputStream o = ex.getResponseBody();
      o.write("10.0.0.0/8\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      ex.close();
    }, Duration.ofSeconds(5), "download failed");
  }

  @Test
  void garbageKeepsTheSetButAFewBadLinesDoNot() {
    failsAfterAGoodPull(body("<html>\n<body>maintenance</body>\n10.0.0.0/8\n</html>\n"), Duration.ofSeconds(5),
        "3 of 4 entries are invalid (more than 10%");
    handler = body("10.0.0.0/8\n".repeat(20) + "not-an-ip\n");
    clock.advance(Duration.ofHours(1));
    FeedRunner r = runner(Duration.ofSeconds(5));
    assertThat(r.tick(true)).isZero();
    assertThat(set("f").spec().nets()).containsExactly("10.0.0.0/8");
    assertThat(feed("f").status().errorConditions()).isEmpty();
    assertThat(log.toString()).contains("\"not-an-ip\"");
  }

  @Test
  void emptyBodyAfterAGoodOneKeepsTheSet() {
    failsAfterAGoodPull(body("# nothing today\n"), Duration.ofSeconds(5), "the pull gave no networks");
  }

  @Test
  void schedulesByPeriodRetriesFailuresSoonerAndPullsAtOnceOnSpecChange() {
    applyFeed("f", "");
    FeedRunner r = runner(Duration.ofSeconds(5));
    r.tick(false);
    clock.advance(Duration.ofMinutes(59));
    r.tick(false);
    assertThat(requests.get()).as("not due before its period").isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    r.tick(false);
    assertThat(requests.get()).isEqualTo(2);
    handler = status(503);
    clock.advance(Duration.ofHours(1));
    r.tick(false);
    clock.advance(Duration.ofMinutes(4));
    r.tick(false);
    assertThat(requests.get()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(1));
    r.tick(false);
    assertThat(requests.get()).as("a failure is retried after 5 minutes").isEqualTo(4);
    handler = body(GOOD);
    applyFeed("f", ", headers: [{name: X-Token, value: abc}]");
    r.tick(false);
    assertThat(requests.get()).as("a spec change pulls at once").isEqualTo(5);
    assertThat(feed("f").status().errorConditions()).isEmpty();
  }

  @Test
  void aRestartedRunnerWaitsForTheRestOfThePeriodAndStatusSurvivesUserApplies() {
    applyFeed("f", "");
    runner(Duration.ofSeconds(5)).tick(false);
    clock.advance(Duration.ofMinutes(30));
    FeedRunner restarted = runner(Duration.ofSeconds(5));
    restarted.tick(false);
    assertThat(requests.get()).isEqualTo(1);
    assertThat(log.toString()).contains("feed f: last pulled at 2026-11-26T10:00:00Z; next pull at 2026-11-26T11:00:00Z");
    // A user re-applies the feed from a file without status, as `apply` would, but straight
    // to the store: the status is wiped; the runner puts its own back on the next tick.
    GlobalThreatFeed f = feed("f");
    store.apply(f.withStatus(null).withMetadata(f.metadata().withStoreFields(null, null, null, null)));
    assertThat(feed("f").status()).isNull();
    restarted.tick(false);
    assertThat(feed("f").status()).isNotNull();
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void disabledFeedsAreNotPulledAndDeletedFeedsTakeTheirSetAlong() {
    applyFeed("f", "");
    FeedRunner r = runner(Duration.ofSeconds(5));
    r.tick(false);
    GlobalThreatFeed f = feed("f");
    store.apply(new GlobalThreatFeed(f.metadata().withStoreFields(null, null, null, null),
        new io.selvedge.model.GlobalThreatFeedSpec(null, "Disabled", null, null, f.spec().globalNetworkSet(),
            f.spec().pull()), f.status()));
    clock.advance(Duration.ofHours(2));
    r.tick(false);
    assertThat(requests.get()).isEqualTo(1);
    assertThat(metrics.render()).contains("selvedge_feed_enabled{feed=\"f\"} 0");
    assertThat(set("f").spec().nets()).hasSize(3);
    store.delete(Kind.GLOBAL_THREAT_FEED, null, "f", null);
    r.tick(false);
    assertThat(store.get(Kind.GLOBAL_NETWORK_SET, null, "threatfeed.f")).isEmpty();
    assertThat(metrics.render()).doesNotContain("feed=\"f\"");
  }

  @Test
  void jsonAndCsvFormats() {
    applyFeed("j", ", format: {json: {path: '$.data[*].ip'}}");
    FeedRunner r = runner(Duration.ofSeconds(5));
    handler = body("{\"data\": [{\"ip\": \"192.0.2.1\"}, {\"ip\": \"2001:db8::1\"}, {\"other\": 1}]}");
    assertThat(r.tick(false)).isZero();
    assertThat(set("j").spec().nets()).containsExactly("192.0.2.1/32", "2001:db8::1/128");
    store.delete(Kind.GLOBAL_THREAT_FEED, null, "j", null);
    r.tick(false);
    handler = body("# list\nname;addr;score\nx;\"198.51.100.0/24\";5\ny;203.0.113.9;7\n");
    applyFeed("c", ", format: {csv: {fieldName: addr, header: true, columnDelimiter: ';', commentDelimiter: '#'}}");
    assertThat(r.tick(false)).isZero();
    assertThat(set("c").spec().nets()).containsExactly("198.51.100.0/24", "203.0.113.9/32");
  }

  @Test
  void theRunLoopPicksUpDueFeedsOnItsOwn() throws Exception {
    applyFeed("f", "");
    FeedRunner r = runner(Duration.ofSeconds(5));
    Thread t = new Thread(() -> r.run(Duration.ofMillis(20)), "feed-loop");
    t.start();
    try {
      waitFor(() -> store.get(Kind.GLOBAL_NETWORK_SET, null, "threatfeed.f").isPresent());
      handler = body("203.0.113.0/24\n");
      clock.advance(Duration.ofHours(1));
      waitFor(() -> set("f").spec().nets().equals(List.of("203.0.113.0/24")));
    } finally {
      r.stop();
      t.join(5000);
    }
    assertThat(t.isAlive()).isFalse();
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
