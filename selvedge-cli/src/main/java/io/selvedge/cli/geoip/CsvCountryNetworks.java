package io.selvedge.cli.geoip;

import io.selvedge.cli.netset.CsvFields;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import io.selvedge.net.IpFamily;
import io.selvedge.net.IpFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads MaxMind's CSV edition of a country database (GeoLite2-Country-CSV, GeoIP2-Country-CSV):
 * the locations file ({@code ...-Country-Locations-en.csv}: {@code geoname_id} to
 * {@code country_iso_code}) and the blocks files ({@code ...-Country-Blocks-IPv4.csv} and
 * {@code -IPv6.csv}: {@code network} to {@code geoname_id}). Columns are found by their header
 * names, so added columns (such as {@code is_anycast}) do not matter. As with the {@code .mmdb}
 * reader, a network's country is its {@code geoname_id} (not the registered or represented
 * country); rows without one, and locations without a country code (continents), give nothing.
 *
 * <p>Fields may be double-quoted with {@code ""} for a quote (country names contain commas).
 * Errors name the file and line.
 */
public final class CsvCountryNetworks implements CountryNetworks {
  private final Path locations;
  private final List<Path> blocks;

  /**
   * @param locations the Locations CSV
   * @param blocks the Blocks CSVs (IPv4 and/or IPv6)
   */
  public CsvCountryNetworks(Path locations, List<Path> blocks) {
    this.locations = locations;
    this.blocks = List.copyOf(blocks);
  }

  @Override
  public String description() {
    List<String> names = new ArrayList<>();
    blocks.forEach(b -> names.add(b.toString()));
    names.add(locations.toString());
    return "MaxMind CSV " + String.join(", ", names);
  }

  @Override
  public void forEachNetwork(Visitor visitor) throws IOException {
    Map<String, String> countryOf = readLocations();
    for (Path b : blocks) {
      readBlocks(b, countryOf, visitor);
    }
  }

  private Map<String, String> readLocations() throws IOException {
    Map<String, String> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(locations, StandardCharsets.UTF_8)) {
      Header h = header(locations, r, "geoname_id", "country_iso_code");
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = split(line, locations, n);
        String id = h.get(f, 0);
        String code = h.get(f, 1);
        if (!id.isEmpty() && !code.isEmpty()) {
          out.put(id, code.toUpperCase(Locale.ROOT).intern());
        }
      }
    }
    return out;
  }

  private static void readBlocks(Path file, Map<String, String> countryOf, Visitor visitor) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Header h = header(file, r, "network", "geoname_id");
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = split(line, file, n);
        String id = h.get(f, 1);
        if (id.isEmpty()) {
          continue;
        }
        String code = countryOf.get(id);
        if (code == null) {
          continue; // a continent, or an id the locations file lacks
        }
        Cidr c;
        try {
          c = Cidr.parse(h.get(f, 0));
        } catch (IpFormatException e) {
          throw new IOException(file + ":" + n + ": network " + e.getMessage());
        }
        IpAddress a = c.network();
        visitor.network(code, c.family() == IpFamily.V6, a.high(), a.low(), c.prefixLength());
      }
    }
  }

  /** Column positions of the wanted header names. */
  private record Header(int[] columns) {
    String get(List<String> fields, int which) {
      int i = columns[which];
      return i < fields.size() ? fields.get(i).strip() : "";
    }
  }

  private static Header header(Path file, BufferedReader r, String... wanted) throws IOException {
    String first = r.readLine();
    if (first == null) {
      throw new IOException(file + " is empty (want a MaxMind CSV file with a header line)");
    }
    if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
      first = first.substring(1);
    }
    List<String> names = split(first, file, 1);
    int[] cols = new int[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      cols[i] = names.indexOf(wanted[i]);
      if (cols[i] < 0) {
        throw new IOException(file + ":1: no column \"" + wanted[i] + "\" in the header (is this a MaxMind country CSV file?)");
      }
    }
    return new Header(cols);
  }

  /** Splits one CSV line ({@link CsvFields}); an unclosed quote is an error naming the file and line. */
  static List<String> split(String line, Path file, long lineNo) throws IOException {
    try {
      return CsvFields.split(line, ',');
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ":" + lineNo + ": " + e.getMessage());
    }
  }
}
