package io.selvedge.cli.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MaxMind DB ({@code .mmdb}) country database — GeoLite2-Country, GeoIP2-Country, or
 * a City database, which carries the same {@code country} — with MaxMind's reader
 * ({@code com.maxmind.db:maxmind-db}) and its network iteration. The country of a network is
 * {@code country.iso_code}, as {@code mmdblookup} and GeoIP2's {@code country()} report it;
 * networks without a {@code country} (some carry only a continent or a registered country)
 * are not reported.
 *
 * <p>Aliased networks (the IPv4-mapped {@code ::ffff:0:0/96}, 6to4 and Teredo subtrees that
 * MaxMind's writer points at the IPv4 data) are skipped, and IPv4 networks of an IPv6 database
 * come out as IPv4. Data records are decoded through the reader's cache: a country database
 * has a few hundred distinct records behind hundreds of thousands of networks.
 */
public final class MmdbCountryNetworks implements CountryNetworks {
  private final Path file;

  public MmdbCountryNetworks(Path file) {
    this.file = file;
  }

  @Override
  public String description() {
    return "MaxMind DB " + file;
  }

  /** The part of a record we read: {@code country.iso_code}. */
  public static final class CountryRecord {
    final String isoCode;

    @MaxMindDbConstructor
    public CountryRecord(@MaxMindDbParameter(name = "country") Map<String, Object> country) {
      Object code = country == null ? null : country.get("iso_code");
      this.isoCode = code instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
    }
  }

  @Override
  public void forEachNetwork(Visitor visitor) throws IOException {
    try (Reader reader = new Reader(file.toFile(), new CHMCache(4096))) {
      Networks<CountryRecord> networks = reader.networks(false, CountryRecord.class);
      while (networks.hasNext()) {
        DatabaseRecord<CountryRecord> r = networks.next();
        CountryRecord data = r.data();
        if (data == null || data.isoCode == null) {
          continue;
        }
        InetAddress a = r.network().networkAddress();
        int len = r.network().prefixLength();
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
          long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
          visitor.network(data.isoCode, false, 0, v, len);
        } else {
          long hi = 0;
          long lo = 0;
          for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
          }
          if (hi == 0 && (lo >>> 32 == 0 || lo >>> 32 == 0xffffL) && len >= 96) {
            // IPv4 data seen through its IPv6 spelling: report it as IPv4.
            visitor.network(data.isoCode, false, 0, lo & 0xffff_ffffL, len - 96);
          } else {
            visitor.network(data.isoCode, true, hi, lo, len);
          }
        }
      }
    } catch (com.maxmind.db.InvalidDatabaseException | com.maxmind.db.InvalidNetworkException e) {
      throw new IOException(file + " is not a valid MaxMind DB: " + e.getMessage());
    } catch (RuntimeException e) {
      // The reader reports some corruption and decoding failures unchecked.
      throw new IOException(file + " could not be read as a MaxMind DB country database: " + e.getMessage());
    }
  }
}
