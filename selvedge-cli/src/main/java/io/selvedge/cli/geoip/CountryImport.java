package io.selvedge.cli.geoip;

import io.selvedge.cli.netset.CidrAggregator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The country part of an import, shared by {@code import netset --country} and a
 * GlobalThreatFeed's {@code pull.geoip}: find the database, then add every network of the chosen
 * countries to a {@link CidrAggregator}. Stateless.
 */
public final class CountryImport {
  /** Networks read for one country. */
  public record Counts(long v4, long v6) {
    public long total() {
      return v4 + v6;
    }
  }

  private CountryImport() {}

  /**
   * The database at {@code path}, or without one the first found in {@link GeoIpLocator#USUAL_PLACES}.
   *
   * @param howToGive how the user names a database, for the message when none is found
   *
   * @throws IllegalArgumentException saying what is missing or wrong, fit for users
   */
  public static CountryNetworks open(Path path, String howToGive) {
    if (path != null) {
      return GeoIpLocator.open(path);
    }
    return GeoIpLocator.inDirectories(GeoIpLocator.USUAL_PLACES).orElseThrow(() -> new IllegalArgumentException(
        "no GeoIP country database found (looked for " + GeoIpLocator.searched(GeoIpLocator.USUAL_PLACES)
            + "); give one with " + howToGive + " (Debian: apt-get install geoip-database)"));
  }

  /**
   * Adds every network of {@code codes} (upper case) in {@code db} to {@code into}.
   *
   * @return networks read per country, in the order of {@code codes}
   * @throws IOException if the database cannot be read
   */
  public static Map<String, Counts> addNetworks(CountryNetworks db, Set<String> codes, CidrAggregator into)
      throws IOException {
    Map<String, long[]> perCountry = new LinkedHashMap<>();
    for (String c : codes) {
      perCountry.put(c, new long[2]);
    }
    db.forEachNetwork((country, v6, hi, lo, len) -> {
      long[] n = perCountry.get(country);
      if (n == null) {
        return;
      }
      if (v6) {
        into.addV6(hi, lo, len);
        n[1]++;
      } else {
        into.addV4(lo, len);
        n[0]++;
      }
    });
    Map<String, Counts> out = new LinkedHashMap<>();
    perCountry.forEach((c, n) -> out.put(c, new Counts(n[0], n[1])));
    return out;
  }
}
