package io.selvedge.cli.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.Reader;
import io.selvedge.cli.netset.CidrAggregator;
import io.selvedge.net.Cidr;
import io.selvedge.net.CountryCodes;
import io.selvedge.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .mmdb and CSV readers on small databases made in the test ({@link MmdbTestWriter}), the
 * locator's choices and errors, and country code validation. The legacy .dat reader is checked
 * against Debian's files and geoiplookup in {@link GeoIpOracleTest}.
 */
class CountryReadersTest {
  @TempDir
  Path dir;

  /** Everything a reader reports, as "CC v4|v6 cidr" lines in order. */
  private static List<String> dump(CountryNetworks db) throws IOException {
    List<String> out = new ArrayList<>();
    db.forEachNetwork((country, v6, hi, lo, len) -> out.add(country + " "
        + Cidr.of(v6 ? IpAddress.ofV6(hi, lo) : IpAddress.ofV4((int) lo), len)));
    return out;
  }

  private static List<String> aggregated(CountryNetworks db, Set<String> countries) throws IOException {
    CidrAggregator a = new CidrAggregator();
    db.forEachNetwork((country, v6, hi, lo, len) -> {
      if (countries.contains(country)) {
        if (v6) {
          a.addV6(hi, lo, len);
        } else {
          a.addV4(lo, len);
        }
      }
    });
    return a.aggregate().all().stream().map(Cidr::toString).toList();
  }

  @Test
  void mmdbReportsCountryNetworksSkipsAliasesAndCountrylessRecords() throws Exception {
    Path db = dir.resolve("GeoLite2-Country.mmdb");
    MmdbTestWriter.write(db, List.of(
        MmdbTestWriter.v4("10.0.0.0/25", MmdbTestWriter.country("CU")),
        MmdbTestWriter.v4("10.0.0.128/25", MmdbTestWriter.country("CU")),
        MmdbTestWriter.v4("10.1.0.0/16", MmdbTestWriter.country("IR")),
        MmdbTestWriter.v4("10.2.0.0/16", MmdbTestWriter.noCountry("IR")),
        MmdbTestWriter.v6("2001:db8::/32", MmdbTestWriter.country("CU")),
        MmdbTestWriter.v6("2a00::/12", MmdbTestWriter.country("DE"))), true);
    // The file is a real MaxMind DB: MaxMind's reader looks addresses up in it.
    try (Reader r = new Reader(db.toFile())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rec = r.get(InetAddress.getByName("10.0.0.200"), Map.class);
      assertThat(((Map<?, ?>) rec.get("country")).get("iso_code")).isEqualTo("CU");
      @SuppressWarnings("unchecked")
      Map<String, Object> mapped = r.get(InetAddress.getByName("::ffff:10.1.2.3"), Map.class);
      assertThat(((Map<?, ?>) mapped.get("country")).get("iso_code")).isEqualTo("IR");
    }
    CountryNetworks reader = new MmdbCountryNetworks(db);
    assertThat(dump(reader)).containsExactlyInAnyOrder(
        "CU 10.0.0.0/25", "CU 10.0.0.128/25", "IR 10.1.0.0/16", "CU 2001:db8::/32", "DE 2a00::/12");
    assertThat(aggregated(reader, Set.of("CU", "IR"))).containsExactly("10.0.0.0/24", "10.1.0.0/16", "2001:db8::/32");
    assertThat(reader.description()).isEqualTo("MaxMind DB " + db);
  }

  @Test
  void mmdbRandomDatabaseMatchesWhatWasWritten() throws Exception {
    long seed = 20261126L;
    Random rnd = new Random(seed);
    String[] codes = {"CU", "IR", "KP", "SY", "DE", "BR"};
    List<MmdbTestWriter.Entry> entries = new ArrayList<>();
    Map<String, CidrAggregator> want = new HashMap<>();
    Set<Integer> used24 = new LinkedHashSet<>();
    for (int i = 0; i < 3000; i++) {
      int n24 = rnd.nextInt(1 << 16); // a /24 inside 10.0.0.0/8
      if (!used24.add(n24)) {
        continue;
      }
      String cc = codes[rnd.nextInt(codes.length)];
      String cidr = "10." + (n24 >> 8) + "." + (n24 & 0xff) + ".0/24";
      entries.add(MmdbTestWriter.v4(cidr, MmdbTestWriter.country(cc)));
      want.computeIfAbsent(cc, k -> new CidrAggregator()).add(Cidr.parse(cidr));
    }
    Set<Integer> used48 = new LinkedHashSet<>();
    for (int i = 0; i < 1000; i++) {
      int n48 = rnd.nextInt(1 << 16); // a /48 inside 2001:db8::/32
      if (!used48.add(n48)) {
        continue;
      }
      String cc = codes[rnd.nextInt(codes.length)];
      String cidr = "2001:db8:" + Integer.toHexString(n48) + "::/48";
      entries.add(MmdbTestWriter.v6(cidr, MmdbTestWriter.country(cc)));
      want.computeIfAbsent(cc, k -> new CidrAggregator()).add(Cidr.parse(cidr));
    }
    Path db = dir.resolve("random.mmdb");
    MmdbTestWriter.write(db, entries, true);
    CountryNetworks reader = new MmdbCountryNetworks(db);
    for (String cc : codes) {
      List<String> expected = want.get(cc).aggregate().all().stream().map(Cidr::toString).toList();
      assertThat(aggregated(reader, Set.of(cc))).as("seed %d, country %s", seed, cc).isEqualTo(expected);
    }
  }

  private void writeCsvEdition(boolean withV6) throws IOException {
    Files.writeString(dir.resolve("GeoLite2-Country-Locations-en.csv"), String.join("\n",
        "geoname_id,locale_code,continent_code,continent_name,country_iso_code,country_name,is_in_european_union",
        "3562981,en,NA,\"North America\",CU,Cuba,0",
        "130758,en,AS,Asia,IR,\"Iran, Islamic Republic of\",0",
        "6255148,en,EU,Europe,,,0",
        ""));
    String header = "network,geoname_id,registered_country_geoname_id,represented_country_geoname_id,"
        + "is_anonymous_proxy,is_satellite_provider,is_anycast";
    Files.writeString(dir.resolve("GeoLite2-Country-Blocks-IPv4.csv"), String.join("\r\n",
        header,
        "10.0.0.0/25,3562981,3562981,,0,0,",
        "10.0.0.128/25,3562981,3562981,,0,0,",
        "10.1.0.0/16,130758,130758,,0,0,0",
        "10.2.0.0/16,6255148,130758,,0,0,",
        "10.3.0.0/16,,130758,,1,0,",
        ""));
    if (withV6) {
      Files.writeString(dir.resolve("GeoLite2-Country-Blocks-IPv6.csv"), String.join("\n",
          header,
          "2001:db8::/32,3562981,3562981,,0,0,",
          "2001:db9::/32,130758,130758,,0,0,",
          ""));
    }
  }

  @Test
  void csvEditionReadsCountriesByGeonameId() throws Exception {
    writeCsvEdition(true);
    CountryNetworks db = GeoIpLocator.open(dir.resolve("GeoLite2-Country-Blocks-IPv4.csv"));
    assertThat(db).isInstanceOf(CsvCountryNetworks.class);
    assertThat(dump(db)).containsExactly("CU 10.0.0.0/25", "CU 10.0.0.128/25", "IR 10.1.0.0/16", "CU 2001:db8::/32", "IR 2001:db9::/32");
    assertThat(aggregated(db, Set.of("CU"))).containsExactly("10.0.0.0/24", "2001:db8::/32");
    assertThat(GeoIpLocator.open(dir)).isInstanceOf(CsvCountryNetworks.class);
  }

  @Test
  void csvEditionWithoutIpv6IsAnError() throws Exception {
    writeCsvEdition(false);
    assertThatThrownBy(() -> GeoIpLocator.open(dir)).hasMessageContaining("incomplete: missing *-Country-Blocks-IPv6.csv");
  }

  @Test
  void badCsvNamesFileAndLine() throws Exception {
    writeCsvEdition(true);
    Files.writeString(dir.resolve("GeoLite2-Country-Blocks-IPv6.csv"), "network,geoname_id\n2001:db8::/32,3562981\nnope,130758\n");
    CountryNetworks db = GeoIpLocator.open(dir);
    assertThatThrownBy(() -> dump(db)).isInstanceOf(IOException.class).hasMessageContaining("GeoLite2-Country-Blocks-IPv6.csv:3: network \"nope\"");
    Files.writeString(dir.resolve("GeoLite2-Country-Blocks-IPv6.csv"), "cidr,id\n");
    assertThatThrownBy(() -> dump(db)).hasMessageContaining("no column \"network\"");
  }

  @Test
  void locatorPrefersMmdbThenLegacyAndNeedsBothLegacyFiles() throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    Files.write(b.resolve("GeoIP.dat"), new byte[6]);
    assertThatThrownBy(() -> GeoIpLocator.inDirectories(List.of(a, b))).hasMessageContaining("GeoIPv6.dat").hasMessageContaining("needs both");
    Files.write(b.resolve("GeoIPv6.dat"), new byte[6]);
    CountryNetworks legacy = GeoIpLocator.inDirectories(List.of(a, b)).orElseThrow();
    assertThat(legacy.description()).isEqualTo("legacy GeoIP country files " + b.resolve("GeoIP.dat") + ", " + b.resolve("GeoIPv6.dat"));
    assertThat(GeoIpLocator.open(b.resolve("GeoIPv6.dat")).description()).isEqualTo(legacy.description());
    MmdbTestWriter.write(b.resolve("GeoLite2-Country.mmdb"), List.of(MmdbTestWriter.v4("10.0.0.0/8", MmdbTestWriter.country("CU"))), false);
    assertThat(GeoIpLocator.inDirectories(List.of(a, b)).orElseThrow()).isInstanceOf(MmdbCountryNetworks.class);
    assertThat(GeoIpLocator.inDirectories(List.of(a))).isEmpty();
    assertThatThrownBy(() -> GeoIpLocator.open(dir.resolve("x.bin"))).hasMessageContaining("does not exist");
    Files.write(dir.resolve("x.bin"), new byte[1]);
    assertThatThrownBy(() -> GeoIpLocator.open(dir.resolve("x.bin"))).hasMessageContaining("do not know the format");
  }

  @Test
  void legacyReaderRejectsCorruptFiles() throws Exception {
    // A tree whose root points at a node beyond the end of the file.
    Path v4 = dir.resolve("GeoIP.dat");
    Files.write(v4, new byte[] {9, 0, 0, 9, 0, 0});
    assertThatThrownBy(() -> dump(new LegacyCountryNetworks(List.of(v4)))).hasMessageContaining("corrupt");
    // A root that points at itself: the walk must stop, not loop.
    Files.write(v4, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> dump(new LegacyCountryNetworks(List.of(v4)))).hasMessageContaining("corrupt");
    // Structure info naming another edition (City = 2, as 107).
    Files.write(v4, new byte[] {0, 0, (byte) 0xff, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 107});
    assertThatThrownBy(() -> dump(new LegacyCountryNetworks(List.of(v4)))).hasMessageContaining("type 2, not a country edition");
  }

  @Test
  void legacyReaderWalksATinyTree() throws Exception {
    // Root: left (0.0.0.0/1) -> country CU, right (128.0.0.0/1) -> node 1; node 1: left no country, right IR.
    int cu = LegacyCountryNetworks.COUNTRY_BEGIN + List.of(LegacyCountryNetworks.CODES).indexOf("CU");
    int ir = LegacyCountryNetworks.COUNTRY_BEGIN + List.of(LegacyCountryNetworks.CODES).indexOf("IR");
    int none = LegacyCountryNetworks.COUNTRY_BEGIN;
    byte[] d = new byte[12];
    put(d, 0, cu);
    put(d, 3, 1);
    put(d, 6, none);
    put(d, 9, ir);
    Path v4 = dir.resolve("GeoIP.dat");
    Files.write(v4, d);
    assertThat(dump(new LegacyCountryNetworks(List.of(v4)))).containsExactly("CU 0.0.0.0/1", "IR 192.0.0.0/2");
  }

  private static void put(byte[] d, int at, int v) {
    d[at] = (byte) v;
    d[at + 1] = (byte) (v >> 8);
    d[at + 2] = (byte) (v >> 16);
  }

  @Test
  void countryCodes() {
    assertThat(CountryCodes.parse(List.of("cu, IR", "KP,SY", "CU"))).containsExactly("CU", "IR", "KP", "SY");
    assertThat(CountryCodes.parse(List.of("XK", "EU", "A1"))).containsExactly("XK", "EU", "A1");
    assertThat(CountryCodes.name("KP")).isEqualTo("North Korea");
    assertThatThrownBy(() -> CountryCodes.parse(List.of("CU,ZZ,USA"))).hasMessageContaining("unknown country codes \"ZZ\", \"USA\"");
    assertThatThrownBy(() -> CountryCodes.parse(List.of(" , "))).hasMessageContaining("no country codes given");
    assertThat(new TreeMap<>(Map.of("legacy table size", LegacyCountryNetworks.CODES.length))).containsEntry("legacy table size", 256);
  }
}
