package io.selvedge.cli.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.cli.Main;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import io.selvedge.net.IpFamily;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's outside oracle: country sets imported from Debian's legacy GeoIP files
 * ({@code geoip-database}) must agree with {@code geoiplookup}/{@code geoiplookup6}
 * ({@code geoip-bin}, MaxMind's legacy C library) on random addresses: an address is in our set
 * exactly when geoiplookup names one of the set's countries.
 *
 * <p>Two sets are imported through {@link Main#run} into a SQLite file — the embargo list
 * CU,IR,KP,SY and the big DE,BR — and read back from the store. 10,000 IPv4 and 2,000 IPv6
 * addresses (seeded) are drawn a third uniformly (IPv6 from 2000::/3), a third inside CIDRs of each
 * set in turn, and a third on their edges (first and last address, and one either side), so that the
 * check is not vacuous. geoiplookup takes one address per run, so the addresses go to four
 * shell loops at once. Skipped, saying why, where the Debian files or tools are absent;
 * {@code .ci/run} installs them.
 */
class GeoIpOracleTest {
  private static final Path V4 = Path.of("/usr/share/GeoIP/GeoIP.dat");
  private static final Path V6 = Path.of("/usr/share/GeoIP/GeoIPv6.dat");
  private static final int V4_SAMPLES = 10_000;
  private static final int V6_SAMPLES = 2_000;
  private static final int WORKERS = 4;

  @TempDir
  Path dir;

  @Test
  void importedCountrySetsAgreeWithGeoiplookup() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(V4) && Files.isRegularFile(V6),
        "skipped: Debian's GeoIP files are absent (apt-get install geoip-database geoip-bin)");
    Assumptions.assumeTrue(onPath("geoiplookup") && onPath("geoiplookup6"),
        "skipped: geoiplookup/geoiplookup6 are absent (apt-get install geoip-bin)");

    Map<String, Set<String>> sets = Map.of("embargo", Set.of("CU", "IR", "KP", "SY"), "big", Set.of("DE", "BR"));
    Map<String, List<Cidr>> imported = new HashMap<>();
    String db = "sqlite:" + dir.resolve("selvedge.db");
    for (Map.Entry<String, Set<String>> s : sets.entrySet()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long t0 = System.nanoTime();
      int code = Main.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
          "--datastore", db, "import", "netset", s.getKey(), "--country", String.join(",", s.getValue()), "--geoip", V4.toString());
      assertThat(code).as(err.toString()).isZero();
      System.out.printf("oracle: imported %s (%s) in %d ms%n%s", s.getKey(), String.join(",", s.getValue()),
          (System.nanoTime() - t0) / 1_000_000, out);
      try (Datastore store = DatastoreFactory.open(DatastoreUrl.parse(db))) {
        GlobalNetworkSet gns = (GlobalNetworkSet) store.get(Kind.GLOBAL_NETWORK_SET, null, s.getKey()).orElseThrow();
        imported.put(s.getKey(), gns.spec().nets().stream().map(Cidr::parse).sorted().toList());
      }
    }

    long seed = 0x6e0195L;
    Random rnd = new Random(seed);
    List<List<Cidr>> targets = List.of(imported.get("embargo"), imported.get("big"));
    List<IpAddress> v4 = sample(rnd, targets, IpFamily.V4, V4_SAMPLES);
    List<IpAddress> v6 = sample(rnd, targets, IpFamily.V6, V6_SAMPLES);
    long t0 = System.nanoTime();
    Map<IpAddress, String> oracle = new HashMap<>(lookup("geoiplookup", v4));
    oracle.putAll(lookup("geoiplookup6", v6));
    System.out.printf("oracle: %d lookups in %d ms%n", oracle.size(), (System.nanoTime() - t0) / 1_000_000);

    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, Set<String>> s : sets.entrySet()) {
      List<Cidr> set = imported.get(s.getKey());
      int[] inSet = new int[2];
      for (IpAddress a : concat(v4, v6)) {
        String country = oracle.get(a);
        boolean want = country != null && s.getValue().contains(country);
        boolean got = contains(set, a);
        if (got) {
          inSet[a.family() == IpFamily.V4 ? 0 : 1]++;
        }
        if (want != got && disagreements.size() < 20) {
          disagreements.add(s.getKey() + ": " + a + " geoiplookup says " + country + ", in our set: " + got);
        }
      }
      System.out.printf("oracle: set %s: %d CIDRs; of %d IPv4 / %d IPv6 samples, %d / %d in the set%n",
          s.getKey(), set.size(), v4.size(), v6.size(), inSet[0], inSet[1]);
      // Not vacuous: many samples fall inside each set, in both families.
      assertThat(inSet[0]).as("IPv4 samples in %s", s.getKey()).isGreaterThan(V4_SAMPLES / 10);
      assertThat(inSet[1]).as("IPv6 samples in %s", s.getKey()).isGreaterThan(V6_SAMPLES / 10);
    }
    assertThat(disagreements).as("seed %d", seed).isEmpty();
  }

  private static List<IpAddress> concat(List<IpAddress> a, List<IpAddress> b) {
    List<IpAddress> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Whether {@code a} is in the sorted, disjoint {@code set}. */
  private static boolean contains(List<Cidr> set, IpAddress a) {
    int i = Collections.binarySearch(set, Cidr.ofAddress(a));
    int at = i >= 0 ? i : -i - 2; // the last CIDR that starts at or before a
    return at >= 0 && set.get(at).contains(a);
  }

  /** Uniform, inside and on the edges of CIDRs of each target set in turn. */
  private static List<IpAddress> sample(Random rnd, List<List<Cidr>> targets, IpFamily family, int n) {
    List<List<Cidr>> ofFamily = targets.stream().map(t -> t.stream().filter(c -> c.family() == family).toList()).toList();
    List<IpAddress> out = new ArrayList<>(n);
    while (out.size() < n) {
      int kind = out.size() % 3;
      if (kind == 0) {
        out.add(family == IpFamily.V4 ? IpAddress.ofV4(rnd.nextInt())
            : IpAddress.ofV6((rnd.nextLong() >>> 3) | 0x2000_0000_0000_0000L, rnd.nextLong()));
        continue;
      }
      List<Cidr> of = ofFamily.get(out.size() / 3 % ofFamily.size());
      Cidr c = of.get(rnd.nextInt(of.size()));
      IpAddress first = c.network();
      int hostBits = family.bits() - c.prefixLength();
      long hostHi = hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
      long hostLo = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
      if (family == IpFamily.V4) {
        hostLo &= 0xffff_ffffL;
      }
      if (kind == 1) {
        out.add(make(family, first.high() | (rnd.nextLong() & hostHi), first.low() | (rnd.nextLong() & hostLo)));
      } else {
        long lastHi = first.high() | hostHi;
        long lastLo = first.low() | hostLo;
        switch (rnd.nextInt(4)) {
          case 0 -> out.add(first);
          case 1 -> out.add(make(family, lastHi, lastLo));
          case 2 -> out.add(make(family, first.low() == 0 ? first.high() - 1 : first.high(), first.low() - 1));
          default -> out.add(make(family, lastLo == -1L ? lastHi + 1 : lastHi, lastLo + 1));
        }
      }
    }
    return out;
  }

  private static IpAddress make(IpFamily family, long hi, long lo) {
    return family == IpFamily.V4 ? IpAddress.ofV4((int) lo) : IpAddress.ofV6(hi, lo);
  }

  /** Runs {@code tool} on every address, in {@link #WORKERS} shell loops; returns the country per address (absent when not found). */
  private static Map<IpAddress, String> lookup(String tool, List<IpAddress> addresses) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<Map<IpAddress, String>>> parts = new ArrayList<>();
      int chunk = (addresses.size() + WORKERS - 1) / WORKERS;
      for (int i = 0; i < addresses.size(); i += chunk) {
        List<IpAddress> part = addresses.subList(i, Math.min(addresses.size(), i + chunk));
        parts.add(pool.submit(() -> lookupChunk(tool, part)));
      }
      Map<IpAddress, String> out = new HashMap<>();
      for (Future<Map<IpAddress, String>> f : parts) {
        out.putAll(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<IpAddress, String> lookupChunk(String tool, List<IpAddress> part) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "for ip; do printf '%s\\t' \"$ip\"; " + tool + " \"$ip\"; done", "sh"));
    part.forEach(a -> cmd.add(a.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Map<IpAddress, String> out = new HashMap<>();
    int lines = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        int tab = line.indexOf('\t');
        assertThat(tab).as("unexpected %s output: %s", tool, line).isPositive();
        IpAddress a = IpAddress.parse(line.substring(0, tab));
        String answer = line.substring(tab + 1);
        lines++;
        // "GeoIP Country Edition: CU, Cuba" or "GeoIP Country V6 Edition: IP Address not found"
        int colon = answer.indexOf(": ");
        String rest = colon < 0 ? "" : answer.substring(colon + 2);
        if (rest.length() >= 3 && rest.charAt(2) == ',') {
          out.put(a, rest.substring(0, 2));
        } else {
          assertThat(rest).as("%s %s", tool, a).isEqualTo("IP Address not found");
        }
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).as("%s answered every address", tool).isEqualTo(part.size());
    return out;
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
