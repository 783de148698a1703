package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import netset} end to end through {@link Main#run}, against a real SQLite file and a local HTTP server. */
class ImportNetsetCommandTest {
  private static final String LIST = String.join("\n",
      "# test list",
      "192.0.2.0/25",
      "192.0.2.128/25 ; merges with the line above",
      "198.51.100.7",
      "198.51.100.7   # duplicate",
      "203.0.113.9/24",
      "2001:db8::/33",
      "2001:db8:8000::/33",
      "");

  @TempDir
  Path dir;
  Path dbFile;
  HttpServer server;

  @BeforeEach
  void setUp() {
    dbFile = dir.resolve("selvedge.db");
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private CliRun run(String... args) {
    return runWithStdin("", args);
  }

  private CliRun runWithStdin(String stdin, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--datastore";
    all[1] = "sqlite:" + dbFile;
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.withStdin(stdin, all);
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private Optional<Resource> stored(Kind kind, String ns, String name) {
    if (!Files.exists(dbFile)) {
      return Optional.empty();
    }
    try (Datastore store = DatastoreFactory.open(DatastoreUrl.sqlite(dbFile))) {
      return store.get(kind, ns, name);
    }
  }

  private List<String> nets(String name) {
    return ((GlobalNetworkSet) stored(Kind.GLOBAL_NETWORK_SET, null, name).orElseThrow()).spec().nets();
  }

  @Test
  void importsAggregatedSetWithLabelsAndSummary() throws Exception {
    Path list = file("list.txt", LIST);
    CliRun r = run("import", "netset", "blocklist", "--from", list.toString(), "--label", "deny=true");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(nets("blocklist")).containsExactly("192.0.2.0/24", "198.51.100.7/32", "203.0.113.0/24", "2001:db8::/32");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "blocklist").orElseThrow().metadata().labels()).isEqualTo(Map.of("deny", "true"));
    assertThat(r.out())
        .contains(list + ": 8 lines, 7 entries (IPv4 5, IPv6 2), 0 invalid")
        .contains("total: 7 entries from 8 lines, 0 invalid, 1 duplicates, 1 with host bits cleared; aggregated to 4 CIDRs (IPv4 3, IPv6 1)")
        .contains("GlobalNetworkSet blocklist created (4 nets)");
    // The set is valid for everything else that reads it.
    CliRun get = run("get", "gns", "blocklist", "-o", "yaml");
    assertThat(get.out()).contains("selvedge.io/import-source: file " + list).contains("- 2001:db8::/32");
  }

  @Test
  void importedSetsPassTheFullValidation() throws Exception {
    // The command validates metadata and trusts the aggregator for the nets; check that trust.
    java.util.Random rnd = new java.util.Random(42);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      if (rnd.nextInt(4) == 0) {
        b.append(String.format("2001:db8:%x:%x::%x/%d%n", rnd.nextInt(1 << 16), rnd.nextInt(1 << 16), rnd.nextInt(1 << 16), 48 + rnd.nextInt(81)));
      } else {
        b.append(String.format("%d.%d.%d.%d/%d%n", 1 + rnd.nextInt(223), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 20 + rnd.nextInt(13)));
      }
    }
    CliRun r = run("import", "netset", "random", "--from", file("random.txt", b.toString()).toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Resource stored = stored(Kind.GLOBAL_NETWORK_SET, null, "random").orElseThrow();
    assertThat(((GlobalNetworkSet) stored).spec().nets()).hasSizeGreaterThan(1000);
    ResourceLoader.requireValid(stored, "test");
  }

  @Test
  void reimportReplacesNetsAndKeepsLabelsSetMeanwhile() throws Exception {
    Path first = file("a.txt", "10.0.0.0/8\n172.16.0.0/12\n");
    Path second = file("b.txt", "192.168.0.0/16\n");
    assertThat(run("import", "netset", "bl", "--from", first.toString(), "--label", "deny=true").exitCode()).isZero();
    assertThat(run("label", "gns", "bl", "owner=secops").exitCode()).isZero();

    CliRun again = run("import", "netset", "bl", "--from", first.toString());
    assertThat(again.out()).contains("GlobalNetworkSet bl unchanged");

    CliRun r = run("import", "netset", "bl", "--from", second.toString(), "--label", "deny=yes");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("GlobalNetworkSet bl updated (1 nets)");
    assertThat(nets("bl")).containsExactly("192.168.0.0/16");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "bl").orElseThrow().metadata().labels())
        .isEqualTo(Map.of("deny", "yes", "owner", "secops"));
  }

  @Test
  void invalidLinesAreReportedWithLineNumbersAndStrictWritesNothing() throws Exception {
    Path list = file("bad.txt", "10.0.0.0/8\n10.0.0.300\n\nexample.com\n192.0.2.0/24\n");
    CliRun strict = run("import", "netset", "bl", "--from", list.toString(), "--strict");
    assertThat(strict.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(strict.err())
        .contains(list + ":2: \"10.0.0.300\" is not an IP address")
        .contains(list + ":4: \"example.com\" is not an IP address")
        .contains("2 invalid line(s) and --strict; nothing was written");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "bl")).isEmpty();

    CliRun lenient = run("import", "netset", "bl", "--from", list.toString());
    assertThat(lenient.exitCode()).as(lenient.err()).isZero();
    assertThat(lenient.err()).contains(list + ":2:");
    assertThat(lenient.out()).contains("5 lines, 2 entries (IPv4 2, IPv6 0), 2 invalid");
    assertThat(nets("bl")).containsExactly("10.0.0.0/8", "192.0.2.0/24");
  }

  @Test
  void namespaceWritesANetworkSet() throws Exception {
    Path list = file("l.txt", "192.0.2.0/24\n");
    CliRun r = run("import", "netset", "partners", "-n", "production", "--from", list.toString(), "--label", "role=partner");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("NetworkSet production/partners created");
    NetworkSet ns = (NetworkSet) stored(Kind.NETWORK_SET, "production", "partners").orElseThrow();
    assertThat(ns.spec().nets()).containsExactly("192.0.2.0/24");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "partners")).isEmpty();
  }

  @Test
  void badInputsAreClearErrorsAndWriteNothing() throws Exception {
    Path list = file("l.txt", "192.0.2.0/24\n");
    CliRun noSource = run("import", "netset", "x");
    assertThat(noSource.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noSource.err()).contains("--from FILE|URL and/or --country");

    CliRun missing = run("import", "netset", "x", "--from", list.toString(), "--from", dir.resolve("nope.txt").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(missing.err()).contains("nope.txt: no such file; nothing was written");

    CliRun badName = run("import", "netset", "Bad_Name", "--from", list.toString());
    assertThat(badName.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(badName.err()).contains("metadata.name");

    CliRun badLabel = run("import", "netset", "x", "--from", list.toString(), "--label", "no spaces=1");
    assertThat(badLabel.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(badLabel.err()).contains("metadata.labels");

    CliRun empty = run("import", "netset", "x", "--from", file("empty.txt", "# nothing\n").toString());
    assertThat(empty.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(empty.err()).contains("no networks to write");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "x")).isEmpty();

    CliRun allowed = run("import", "netset", "x", "--from", dir.resolve("empty.txt").toString(), "--allow-empty");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(nets("x")).isEmpty();
    assertThat(run("import", "netset").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("import").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpShowsUsageAndExamples() {
    CliRun r = run("import", "netset", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: selvedge import netset").contains("--country").contains("Examples:");
  }

  @Test
  void dryRunTouchesNoDatastore() throws Exception {
    Path list = file("l.txt", "192.0.2.0/24\n");
    CliRun r = run("import", "netset", "x", "--from", list.toString(), "--dry-run");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("dry run: would write GlobalNetworkSet x with 1 nets; nothing was written");
    assertThat(Files.exists(dbFile)).isFalse();
  }

  @Test
  void readsStdinGzipAndSeveralSources() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write("198.51.100.0/24\n".getBytes(StandardCharsets.US_ASCII));
    }
    Path gzFile = dir.resolve("l.netset.gz");
    Files.write(gzFile, gz.toByteArray());
    CliRun r = runWithStdin("192.0.2.0/24\n", "import", "netset", "x", "--from", "-", "--from", gzFile.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("<stdin>: 1 lines");
    assertThat(nets("x")).containsExactly("192.0.2.0/24", "198.51.100.0/24");
  }

  // --- URLs -------------------------------------------------------------------------------

  private String serve(String path, int status, byte[] body) throws IOException {
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.start();
    }
    server.createContext(path, ex -> {
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void importsFromUrl() throws Exception {
    String url = serve("/drop.txt", 200, "; Spamhaus DROP\n1.10.16.0/20 ; SBL256894\n1.19.0.0/16 ; SBL434604\n".getBytes(StandardCharsets.US_ASCII));
    CliRun r = run("import", "netset", "drop", "--from", url);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(nets("drop")).containsExactly("1.10.16.0/20", "1.19.0.0/16");
    assertThat(r.out()).contains(url + ": 3 lines, 2 entries");
  }

  @Test
  void httpErrorStatusWritesNothingAndKeepsTheOldSet() throws Exception {
    String good = serve("/good.txt", 200, "10.0.0.0/8\n".getBytes(StandardCharsets.US_ASCII));
    String missing = serve("/missing.txt", 404, "not here".getBytes(StandardCharsets.US_ASCII));
    assertThat(run("import", "netset", "bl", "--from", good).exitCode()).isZero();
    CliRun r = run("import", "netset", "bl", "--from", good, "--from", missing);
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).contains("cannot download " + missing + ": HTTP status 404 Not Found (want 200); nothing was written");
    assertThat(nets("bl")).containsExactly("10.0.0.0/8");
  }

  @Test
  void truncatedBodyWritesNothing() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/short.txt", ex -> {
      ex.sendResponseHeaders(200, 10_000);
      OutputStream o = ex.getResponseBody();
      o.write("10.0.0.0/8\n192.0.2.0/24\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      ex.close(); // fewer bytes than announced: the server drops the connection
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/short.txt";
    CliRun r = run("import", "netset", "bl", "--from", url);
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).contains("cannot download " + url).contains("nothing was written");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "bl")).isEmpty();
  }

  @Test
  void connectionResetMidBodyWritesNothing() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = ss.accept()) {
          s.getInputStream().read(new byte[4096]);
          OutputStream o = s.getOutputStream();
          o.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "18\r\n10.0.0.0/8\n192.0.2.0/24\n\r\n").getBytes(StandardCharsets.US_ASCII));
          o.flush();
          s.setSoLinger(true, 0); // RST instead of FIN, and no last chunk
        } catch (IOException e) {
          // the client went away: fine
        }
      });
      t.start();
      String url = "http://127.0.0.1:" + ss.getLocalPort() + "/list.txt";
      CliRun r = run("import", "netset", "bl", "--from", url);
      t.join(10_000);
      assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
      assertThat(r.err()).contains("cannot download " + url).contains("before the whole body arrived").contains("nothing was written");
      assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "bl")).isEmpty();
    }
  }

  @Test
  void slowServerTimesOutAndOversizedBodyIsRefused() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/slow.txt", ex -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    byte[] big = "10.0.0.0/8\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    server.createContext("/big.txt", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: the size is only known while reading
      try (OutputStream o = ex.getResponseBody()) {
        o.write(big);
      } catch (IOException e) {
        // the client hung up at the cap
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    long t0 = System.nanoTime();
    CliRun slow = run("import", "netset", "bl", "--from", base + "/slow.txt", "--timeout", "1");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4_000);
    assertThat(slow.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(slow.err()).contains("timed out after 1 s; nothing was written");

    CliRun big1 = run("import", "netset", "bl", "--from", base + "/big.txt", "--max-size", "4K");
    assertThat(big1.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(big1.err()).contains("larger than 4 KiB");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "bl")).isEmpty();

    assertThat(run("import", "netset", "bl", "--from", base + "/big.txt", "--max-size", "lots").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void countryErrorsAreClear() throws Exception {
    CliRun unknown = run("import", "netset", "embargo", "--country", "CU,ZZ,xx", "--geoip", dir.toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(unknown.err()).contains("unknown country codes \"ZZ\", \"XX\"");

    CliRun noDb = run("import", "netset", "embargo", "--country", "CU", "--geoip", dir.resolve("none.mmdb").toString());
    assertThat(noDb.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(noDb.err()).contains("none.mmdb does not exist; nothing was written");

    CliRun emptyDir = run("import", "netset", "embargo", "--country", "CU", "--geoip", dir.toString());
    assertThat(emptyDir.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(emptyDir.err()).contains("no country database in " + dir);

    Files.write(dir.resolve("GeoIP.dat"), new byte[12]);
    CliRun half = run("import", "netset", "embargo", "--country", "CU", "--geoip", dir.resolve("GeoIP.dat").toString());
    assertThat(half.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(half.err()).contains("GeoIPv6.dat").contains("needs both");

    Files.write(dir.resolve("broken.mmdb"), "not a database".getBytes(StandardCharsets.US_ASCII));
    CliRun broken = run("import", "netset", "embargo", "--country", "CU", "--geoip", dir.resolve("broken.mmdb").toString());
    assertThat(broken.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(broken.err()).contains("cannot read the GeoIP database").contains("broken.mmdb").doesNotContain("Exception");
    assertThat(stored(Kind.GLOBAL_NETWORK_SET, null, "embargo")).isEmpty();
  }
}
