package io.selvedge.cli.geoip;

import java.io.IOException;

/**
 * A country database: every network it knows with the ISO 3166-1 alpha-2 code of its country.
 * One implementation per file format ({@link MmdbCountryNetworks} for MaxMind DB,
 * {@link CsvCountryNetworks} for MaxMind's CSV edition, {@link LegacyCountryNetworks} for the
 * legacy {@code GeoIP.dat}/{@code GeoIPv6.dat} files); {@link GeoIpLocator} picks one.
 *
 * <p>Readers report networks as the file has them (not aggregated, possibly adjacent); the
 * caller filters by country and aggregates. Networks without a country (anonymous proxies in
 * old data, continent-only entries) are reported with the code the data uses ({@code A1},
 * {@code EU}, ...) or not at all. IPv4 networks are reported as IPv4, never as their
 * IPv4-mapped or IPv4-compatible IPv6 aliases.
 */
public interface CountryNetworks {

  /** Receives networks: the country code (upper case) and the prefix. */
  @FunctionalInterface
  interface Visitor {
    /**
     * @param country upper-case code as the data has it
     * @param v6 false for IPv4 (address in the low 32 bits of {@code lo})
     */
    void network(String country, boolean v6, long hi, long lo, int prefixLength);
  }

  /** What was read, for messages: the format and the file(s), e.g. {@code legacy GeoIP country files /usr/share/GeoIP/GeoIP.dat, ...}. */
  String description();

  /**
   * Visits every network of the database.
   *
   * @throws IOException if a file cannot be read or is not in the expected format (the message
   *     names the file and what is wrong)
   */
  void forEachNetwork(Visitor visitor) throws IOException;
}
