package io.selvedge.cli.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the country database to read: the file or directory given with {@code --geoip}, or the
 * first one found in the usual places. Preference, in each case: a MaxMind DB country database
 * ({@code GeoLite2-Country.mmdb}, {@code GeoIP2-Country.mmdb}), a City database (which also has
 * countries), the legacy {@code GeoIP.dat} with {@code GeoIPv6.dat}, then MaxMind's CSV edition
 * ({@code *-Country-Blocks-IPv4.csv}, {@code -IPv6.csv}, {@code *-Country-Locations-en.csv}).
 *
 * <p>A deny-list that silently lacks IPv6 would let IPv6 traffic through, so the two-file
 * formats need both families: a legacy {@code GeoIP.dat} without {@code GeoIPv6.dat} beside it
 * (or the other way round), or one CSV blocks file without the other, is an error that says
 * which file is missing. Nothing here reads the databases beyond their names; errors are
 * {@link IllegalArgumentException}s with a message for the user.
 */
public final class GeoIpLocator {
  /** Where distributions and {@code geoipupdate} put the files, in the order searched. */
  public static final List<Path> USUAL_PLACES = List.of(
      Path.of("/usr/share/GeoIP"), Path.of("/var/lib/GeoIP"), Path.of("/usr/local/share/GeoIP"),
      Path.of("/usr/local/var/GeoIP"), Path.of("/opt/homebrew/var/GeoIP"));

  private static final List<String> MMDB_NAMES = List.of("GeoLite2-Country.mmdb", "GeoIP2-Country.mmdb");
  private static final List<String> CITY_MMDB_NAMES = List.of("GeoLite2-City.mmdb", "GeoIP2-City.mmdb");
  private static final String LEGACY_V4 = "GeoIP.dat";
  private static final String LEGACY_V6 = "GeoIPv6.dat";

  private GeoIpLocator() {}

  /** The database at {@code path}: a {@code .mmdb}, {@code .dat} or {@code .csv} file, or a directory holding one. */
  public static CountryNetworks open(Path path) {
    if (Files.isDirectory(path)) {
      return inDirectories(List.of(path)).orElseThrow(() -> new IllegalArgumentException(
          "no country database in " + path + " (looked for " + String.join(", ", MMDB_NAMES) + ", "
              + LEGACY_V4 + " + " + LEGACY_V6 + ", or a MaxMind country CSV edition)"));
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("GeoIP database " + path + " does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mmdb")) {
      return new MmdbCountryNetworks(path);
    }
    if (name.endsWith(".dat")) {
      return legacyPair(path);
    }
    if (name.endsWith(".csv")) {
      return csv(path.toAbsolutePath().getParent()).orElseThrow(() -> new IllegalArgumentException(
          "no complete MaxMind country CSV edition beside " + path
              + " (want *-Country-Locations-en.csv, *-Country-Blocks-IPv4.csv and *-Country-Blocks-IPv6.csv in one directory)"));
    }
    throw new IllegalArgumentException("do not know the format of " + path
        + " (want a .mmdb file, GeoIP.dat/GeoIPv6.dat, a MaxMind country CSV file, or a directory holding one)");
  }

  /** The first database found in {@code dirs}, by the preference above. */
  public static Optional<CountryNetworks> inDirectories(List<Path> dirs) {
    for (List<String> names : List.of(MMDB_NAMES, CITY_MMDB_NAMES)) {
      for (Path dir : dirs) {
        for (String n : names) {
          Path p = dir.resolve(n);
          if (Files.isRegularFile(p)) {
            return Optional.of(new MmdbCountryNetworks(p));
          }
        }
      }
    }
    for (Path dir : dirs) {
      Path v4 = dir.resolve(LEGACY_V4);
      Path v6 = dir.resolve(LEGACY_V6);
      if (Files.isRegularFile(v4) || Files.isRegularFile(v6)) {
        return Optional.of(legacyPair(Files.isRegularFile(v4) ? v4 : v6));
      }
    }
    for (Path dir : dirs) {
      Optional<CountryNetworks> c = csv(dir);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** What {@link #inDirectories} looks for, for the error when nothing is found. */
  public static String searched(List<Path> dirs) {
    return String.join(", ", MMDB_NAMES) + ", " + LEGACY_V4 + " + " + LEGACY_V6
        + " or a MaxMind country CSV edition in " + String.join(", ", dirs.stream().map(Path::toString).toList());
  }

  private static CountryNetworks legacyPair(Path given) {
    Path dir = given.toAbsolutePath().getParent();
    String n = given.getFileName().toString();
    boolean isV6 = n.equalsIgnoreCase(LEGACY_V6) || n.toLowerCase(Locale.ROOT).contains("v6");
    Path other = dir.resolve(isV6 ? LEGACY_V4 : LEGACY_V6);
    if (!Files.isRegularFile(other)) {
      throw new IllegalArgumentException("found " + given + " but not " + other + ": a country list needs both the IPv4 ("
          + LEGACY_V4 + ") and the IPv6 (" + LEGACY_V6 + ") file, or IPv6 traffic would pass (Debian: apt-get install geoip-database)");
    }
    return new LegacyCountryNetworks(isV6 ? List.of(other, given) : List.of(given, other));
  }

  private static Optional<CountryNetworks> csv(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    Path locations = null;
    Path v4 = null;
    Path v6 = null;
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (n.endsWith("-Country-Locations-en.csv")) {
        locations = f;
      } else if (n.endsWith("-Country-Blocks-IPv4.csv")) {
        v4 = f;
      } else if (n.endsWith("-Country-Blocks-IPv6.csv")) {
        v6 = f;
      }
    }
    if (locations == null && v4 == null && v6 == null) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    if (locations == null) {
      missing.add("*-Country-Locations-en.csv");
    }
    if (v4 == null) {
      missing.add("*-Country-Blocks-IPv4.csv");
    }
    if (v6 == null) {
      missing.add("*-Country-Blocks-IPv6.csv");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the MaxMind CSV edition in " + dir + " is incomplete: missing "
          + String.join(", ", missing));
    }
    return Optional.of(new CsvCountryNetworks(locations, List.of(v4, v6)));
  }
}
