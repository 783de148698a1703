package io.selvedge.cli.geoip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files for tests, following the public MaxMind DB format specification
 * (version 2.0): an IPv6 search tree with 24-bit records, IPv4 data under {@code ::/96}, and
 * optionally the {@code ::ffff:0:0/96} alias pointing at it, as MaxMind's own writer lays out
 * GeoLite2 files. Data records are maps in GeoLite2-Country's shape ({@code country.iso_code},
 * {@code country.names.en}); a record may instead carry only a continent or a registered
 * country, as some GeoLite2 networks do. MaxMind's writer is not on Maven Central for Java, so
 * the tests make their databases with this.
 */
final class MmdbTestWriter {
  /** One network: 16 address bytes (IPv4 as ::a.b.c.d) and a 0-128 prefix; the data record. */
  record Entry(byte[] address, int prefixLength, Map<String, Object> data) {}

  private static final class Node {
    Object[] child = new Object[2];
  }

  private record Leaf(Map<String, Object> data) {}

  private MmdbTestWriter() {}

  /** A GeoLite2-Country-like record. */
  static Map<String, Object> country(String iso) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("geoname_id", 1000L + iso.charAt(0) * 31 + iso.charAt(1));
    c.put("iso_code", iso);
    c.put("names", Map.of("en", "Country " + iso));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("continent", Map.of("code", "XX", "names", Map.of("en", "Somewhere")));
    m.put("country", c);
    m.put("registered_country", c);
    return m;
  }

  /** A record without {@code country} (only a continent and a registered country). */
  static Map<String, Object> noCountry(String registered) {
    return Map.of("continent", Map.of("code", "EU"), "registered_country", Map.of("iso_code", registered));
  }

  static Entry v4(String cidr, Map<String, Object> data) throws IOException {
    String[] p = cidr.split("/");
    byte[] a4 = java.net.InetAddress.getByName(p[0]).getAddress();
    byte[] a = new byte[16];
    System.arraycopy(a4, 0, a, 12, 4);
    return new Entry(a, 96 + Integer.parseInt(p[1]), data);
  }

  static Entry v6(String cidr, Map<String, Object> data) throws IOException {
    String[] p = cidr.split("/");
    return new Entry(java.net.InetAddress.getByName(p[0]).getAddress(), Integer.parseInt(p[1]), data);
  }

  static void write(Path out, List<Entry> entries, boolean aliasIpv4Mapped) throws IOException {
    Node root = new Node();
    for (Entry e : entries) {
      insert(root, e.address(), e.prefixLength(), new Leaf(e.data()));
    }
    if (aliasIpv4Mapped) {
      Node v4 = walk(root, new byte[16], 96);
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      Node parent = walk(root, mapped, 95);
      parent.child[1] = v4; // bit 95 of ::ffff:0:0 is 1
    }
    // Number the nodes breadth first (the alias makes a DAG: number each node once).
    Map<Node, Integer> index = new IdentityHashMap<>();
    List<Node> order = new ArrayList<>();
    Deque<Node> queue = new ArrayDeque<>();
    queue.add(root);
    index.put(root, 0);
    order.add(root);
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      for (Object c : n.child) {
        if (c instanceof Node cn && !index.containsKey(cn)) {
          index.put(cn, order.size());
          order.add(cn);
          queue.add(cn);
        }
      }
    }
    int nodeCount = order.size();
    // Data section: one encoded record per distinct data map.
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    Map<Map<String, Object>, Integer> offsets = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (!offsets.containsKey(e.data())) {
        offsets.put(e.data(), data.size());
        encode(data, e.data());
      }
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (Node n : order) {
      for (Object c : n.child) {
        long v;
        if (c instanceof Node cn) {
          v = index.get(cn);
        } else if (c instanceof Leaf l) {
          v = nodeCount + 16L + offsets.get(l.data());
        } else {
          v = nodeCount;
        }
        file.write((int) (v >> 16));
        file.write((int) (v >> 8));
        file.write((int) v);
      }
    }
    file.write(new byte[16]);
    data.writeTo(file);
    file.write(new byte[] {(byte) 0xab, (byte) 0xcd, (byte) 0xef});
    file.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("binary_format_major_version", new U16(2));
    meta.put("binary_format_minor_version", new U16(0));
    meta.put("build_epoch", new U64(1_700_000_000L));
    meta.put("database_type", "GeoLite2-Country");
    meta.put("description", Map.of("en", "Selvedge test database"));
    meta.put("ip_version", new U16(6));
    meta.put("languages", List.of("en"));
    meta.put("node_count", (long) nodeCount);
    meta.put("record_size", new U16(24));
    encode(file, meta);
    Files.write(out, file.toByteArray());
  }

  private static void insert(Node root, byte[] addr, int prefix, Leaf leaf) {
    Node n = root;
    for (int depth = 0; depth < prefix - 1; depth++) {
      int bit = bit(addr, depth);
      if (!(n.child[bit] instanceof Node)) {
        n.child[bit] = new Node();
      }
      n = (Node) n.child[bit];
    }
    n.child[bit(addr, prefix - 1)] = leaf;
  }

  private static Node walk(Node root, byte[] addr, int depth) {
    Node n = root;
    for (int d = 0; d < depth; d++) {
      int bit = bit(addr, d);
      if (!(n.child[bit] instanceof Node)) {
        n.child[bit] = new Node();
      }
      n = (Node) n.child[bit];
    }
    return n;
  }

  private static int bit(byte[] addr, int i) {
    return (addr[i / 8] >> (7 - i % 8)) & 1;
  }

  private record U16(int value) {}

  private record U64(long value) {}

  /** Encodes a value: String, Long (as uint32), U16, U64, Map, List. */
  @SuppressWarnings("unchecked")
  private static void encode(ByteArrayOutputStream out, Object v) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      control(out, 2, b.length);
      out.writeBytes(b);
    } else if (v instanceof Long l) {
      uint(out, 6, l, 4);
    } else if (v instanceof U16 u) {
      uint(out, 5, u.value(), 2);
    } else if (v instanceof U64 u) {
      uint(out, 9, u.value(), 8);
    } else if (v instanceof Map<?, ?> m) {
      control(out, 7, m.size());
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        encode(out, e.getKey());
        encode(out, e.getValue());
      }
    } else if (v instanceof List<?> list) {
      control(out, 11, list.size());
      for (Object o : list) {
        encode(out, o);
      }
    } else {
      throw new IllegalArgumentException("cannot encode " + v);
    }
  }

  private static void uint(ByteArrayOutputStream out, int type, long value, int maxBytes) {
    int n = 0;
    for (long x = value; x != 0 && n < maxBytes; x >>>= 8) {
      n++;
    }
    control(out, type, n);
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /** Control byte (type in the top 3 bits, or 0 and an extended type byte), then size bytes. */
  private static void control(ByteArrayOutputStream out, int type, int size) {
    int sizeBits;
    byte[] extra;
    if (size < 29) {
      sizeBits = size;
      extra = new byte[0];
    } else if (size < 285) {
      sizeBits = 29;
      extra = new byte[] {(byte) (size - 29)};
    } else if (size < 65821) {
      sizeBits = 30;
      int s = size - 285;
      extra = new byte[] {(byte) (s >> 8), (byte) s};
    } else {
      sizeBits = 31;
      int s = size - 65821;
      extra = new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
    }
    if (type <= 7) {
      out.write((type << 5) | sizeBits);
    } else {
      out.write(sizeBits);
      out.write(type - 7);
    }
    out.writeBytes(extra);
  }
}
