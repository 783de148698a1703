package io.selvedge.cli.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the legacy GeoIP country files that Debian's {@code geoip-database} installs:
 * {@code GeoIP.dat} (IPv4 country edition) and {@code GeoIPv6.dat} (IPv6 country edition).
 *
 * <p>The format, as MaxMind described it for the legacy C API: the file starts with a binary
 * search tree of nodes, each two little-endian 3-byte records (left for a 0 bit, right for a 1
 * bit, most significant bit first). A record below {@value #COUNTRY_BEGIN} is the index of the
 * next node; a record at or above it is a leaf whose country is {@code record - COUNTRY_BEGIN},
 * an index into the C API's {@code GeoIP_country_code} table (0, {@code --}, means no
 * country). The end of the file may hold "structure info": the bytes {@code FF FF FF} and a
 * database type byte (1 country, 12 country IPv6; 105 is added in some builds), searched for in
 * the last 20 bytes; without it the file is an IPv4 country edition.
 *
 * <p>The whole tree is walked depth first, so every leaf comes out once as a prefix. Files are
 * read into memory (Debian's are 2 and 8 MB). The walk visits each node at most once; a file
 * whose records make it visit more is rejected as corrupt rather than walked for ever. IPv6
 * leaves inside {@code ::/96} and {@code ::ffff:0:0/96} (IPv4-compatible and IPv4-mapped
 * addresses) are skipped: IPv4 comes from {@code GeoIP.dat}.
 */
public final class LegacyCountryNetworks implements CountryNetworks {
  static final int COUNTRY_BEGIN = 16776960;
  private static final int RECORD = 3;
  private static final int TYPE_COUNTRY = 1;
  private static final int TYPE_COUNTRY_V6 = 12;
  private static final int STRUCTURE_INFO_MAX = 20;

  /** The legacy C API's country code table, in its order (index = record - COUNTRY_BEGIN). */
  static final String[] CODES = (""
      + "-- AP EU AD AE AF AG AI AL AM CW AO AQ AR AS AT AU AW AZ BA "
      + "BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BV BW BY BZ CA CC "
      + "CD CF CG CH CI CK CL CM CN CO CR CU CV CX CY CZ DE DJ DK DM "
      + "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR SX GA GB GD GE "
      + "GF GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
      + "ID IE IL IN IO IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR "
      + "KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD MG MH MK "
      + "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG "
      + "NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT "
      + "PW PY QA RE RO RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN "
      + "SO SR ST SV SY SZ TC TD TF TG TH TJ TK TM TN TO TL TR TT TV "
      + "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT RS "
      + "ZA ZM ME ZW A1 A2 O1 AX GG IM JE BL MF BQ SS O1").split(" ");

  private final List<Path> files;

  /** @param files any of GeoIP.dat and GeoIPv6.dat (the edition is read from each file) */
  public LegacyCountryNetworks(List<Path> files) {
    this.files = List.copyOf(files);
  }

  @Override
  public String description() {
    return "legacy GeoIP country files " + String.join(", ", files.stream().map(Path::toString).toList());
  }

  @Override
  public void forEachNetwork(Visitor visitor) throws IOException {
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      int type = databaseType(data);
      if (type != TYPE_COUNTRY && type != TYPE_COUNTRY_V6) {
        throw new IOException(f + " is a legacy GeoIP database of type " + type
            + ", not a country edition (want GeoIP.dat or GeoIPv6.dat from geoip-database)");
      }
      new Walk(f, data, type == TYPE_COUNTRY_V6, visitor).run();
    }
  }

  /** The edition (1 country, 12 country IPv6, ...), from the structure info at the end. */
  static int databaseType(byte[] d) {
    for (int i = 0; i < STRUCTURE_INFO_MAX; i++) {
      int at = d.length - 3 - i;
      if (at < 0 || at + 3 >= d.length) {
        continue;
      }
      if ((d[at] & 0xff) == 0xff && (d[at + 1] & 0xff) == 0xff && (d[at + 2] & 0xff) == 0xff) {
        int type = d[at + 3] & 0xff;
        return type >= 106 ? type - 105 : type;
      }
    }
    return TYPE_COUNTRY;
  }

  /** One depth-first walk over one file's tree. */
  private static final class Walk {
    private final Path file;
    private final byte[] data;
    private final boolean v6;
    private final int width;
    private final Visitor visitor;
    private final long maxVisits;
    private long visits;

    Walk(Path file, byte[] data, boolean v6, Visitor visitor) {
      this.file = file;
      this.data = data;
      this.v6 = v6;
      this.width = v6 ? 128 : 32;
      this.visitor = visitor;
      this.maxVisits = data.length / (2L * RECORD);
    }

    void run() throws IOException {
      if (data.length < 2 * RECORD) {
        throw new IOException(file + " is too short to be a GeoIP database (" + data.length + " bytes)");
      }
      // Explicit stack of (node, depth, address bits so far): no recursion 128 deep per leaf.
      List<long[]> stack = new ArrayList<>();
      stack.add(new long[] {0, 0, 0, 0});
      while (!stack.isEmpty()) {
        long[] top = stack.remove(stack.size() - 1);
        int node = (int) top[0];
        int depth = (int) top[1];
        long hi = top[2];
        long lo = top[3];
        if (++visits > maxVisits) {
          throw new IOException(file + " is corrupt: its search tree revisits nodes");
        }
        long offset = (long) node * 2 * RECORD;
        if (offset + 2 * RECORD > data.length) {
          throw new IOException(file + " is corrupt: node " + node + " lies beyond the end of the file");
        }
        if (depth >= width) {
          throw new IOException(file + " is corrupt: its search tree is deeper than " + width + " bits");
        }
        // Push the right branch first so the left (lower addresses) comes out first.
        for (int bit = 1; bit >= 0; bit--) {
          int record = record(offset + (long) bit * RECORD);
          long cHi = hi;
          long cLo = lo;
          if (bit == 1) {
            int pos = width - 1 - depth; // bit position counted from the least significant bit
            if (pos >= 64) {
              cHi |= 1L << (pos - 64);
            } else {
              cLo |= 1L << pos;
            }
          }
          if (record >= COUNTRY_BEGIN) {
            leaf(record - COUNTRY_BEGIN, cHi, cLo, depth + 1);
          } else {
            stack.add(new long[] {record, depth + 1, cHi, cLo});
          }
        }
      }
    }

    private void leaf(int index, long hi, long lo, int prefixLength) throws IOException {
      if (index == 0) {
        return; // "--": no country
      }
      if (index >= CODES.length) {
        throw new IOException(file + " is corrupt: country index " + index + " is beyond the country table");
      }
      if (v6 && hi == 0 && (lo >>> 32 == 0 || lo >>> 32 == 0xffffL) && prefixLength >= 96) {
        return; // IPv4-compatible or IPv4-mapped: IPv4 comes from GeoIP.dat
      }
      visitor.network(CODES[index], v6, hi, lo, prefixLength);
    }

    private int record(long at) {
      int i = (int) at;
      return (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16;
    }
  }
}
