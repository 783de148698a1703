package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table answers exactly as the binary search over the same members. */
class Ipv4PrefixTableTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithTheSortedMembers(long seed) {
    Random rnd = new Random(seed);
    TreeSet<Cidr> members = new TreeSet<>();
    for (int i = 0; i < 5000; i++) {
      int len = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(16) : 17 + rnd.nextInt(16);
      Cidr c = Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, len);
      if (members.stream().noneMatch(m -> m.contains(c) || c.contains(m))) {
        members.add(c);
      }
    }
    DisjointCidrs set = DisjointCidrs.of(IpFamily.V4, members);
    Ipv4PrefixTable table = new Ipv4PrefixTable(set);
    List<Cidr> probes = new ArrayList<>();
    for (Cidr m : members) {
      probes.add(m);
      long last = (m.hi() >>> 32) | ((1L << (32 - m.length())) - 1);
      probes.add(Cidr.v4(last, 32));
      probes.add(Cidr.v4(last + 1, 32));
      probes.add(Cidr.v4((m.hi() >>> 32) - 1, 32));
    }
    for (int i = 0; i < 20000; i++) {
      probes.add(Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, 32));
    }
    for (Cidr p : probes) {
      assertThat(table.contains(p.hi(), p.lo())).as("seed %d, %s", seed, p).isEqualTo(set.containsAddress(p));
    }
  }

  /**
   * Dense members: thousands of /25–/32 in a few /24s (bitmaps), lone long members in a /24
   * (stored inline), /17–/24 (covered /24s) and ≤ /16 (covered /16s) side by side.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void agreesOnDenseAndMixedMembers(long seed) {
    Random rnd = new Random(seed);
    TreeSet<Cidr> members = new TreeSet<>();
    long[] bases = {0xC0A8_0000L, 0x0A00_0000L, 0xF000_0000L};
    for (int i = 0; i < 20000; i++) {
      long base = bases[rnd.nextInt(bases.length)];
      int len = rnd.nextInt(20) == 0 ? 17 + rnd.nextInt(8) : 25 + rnd.nextInt(8);
      long addr = base + (rnd.nextInt(rnd.nextBoolean() ? 1 << 10 : 1 << 16) & 0xFFFFFFFFL);
      Cidr c = Cidr.v4(addr, len);
      Cidr lower = members.floor(c);
      Cidr higher = members.ceiling(c);
      if ((lower == null || !lower.contains(c) && !c.contains(lower))
          && (higher == null || !higher.contains(c) && !c.contains(higher))
          && members.subSet(c, true, Cidr.v4((c.hi() >>> 32) | ((1L << (32 - len)) - 1), 32), true).isEmpty()) {
        members.add(c);
      }
    }
    members.add(Cidr.v4(0x6440_0000L, 10));
    members.add(Cidr.v4(0x0B00_0000L, 16));
    DisjointCidrs set = DisjointCidrs.of(IpFamily.V4, members);
    Ipv4PrefixTable table = new Ipv4PrefixTable(set);
    for (long base : bases) {
      for (long a = base; a < base + (1 << 17); a++) {
        Cidr p = Cidr.v4(a, 32);
        assertThat(table.contains(p.hi(), p.lo())).as("seed %d, %s", seed, p).isEqualTo(set.containsAddress(p));
      }
    }
    for (int i = 0; i < 50000; i++) {
      Cidr p = Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, 32);
      assertThat(table.contains(p.hi(), p.lo())).as("seed %d, %s", seed, p).isEqualTo(set.containsAddress(p));
    }
  }
}
