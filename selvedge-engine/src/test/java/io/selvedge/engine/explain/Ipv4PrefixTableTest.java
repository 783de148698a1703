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

  /** Edges: /0, /1 halves, /16 next to refined /16s, /32s at both ends of the space, /24s with 1, 2, 3 members. */
  @org.junit.jupiter.api.Test
  void answersTheEdges() {
    assertAgrees(List.of(Cidr.v4(0, 0)));
    assertAgrees(List.of(Cidr.v4(0x8000_0000L, 1)));
    assertAgrees(List.of(Cidr.v4(0, 32), Cidr.v4(0xFFFF_FFFFL, 32), Cidr.v4(0x0A01_0000L, 16),
        Cidr.v4(0x0A00_FF00L, 32), Cidr.v4(0x0A02_0000L, 32), Cidr.v4(0x0A02_0100L, 25), Cidr.v4(0x0A02_0180L, 32),
        Cidr.v4(0x0A02_0200L, 30), Cidr.v4(0x0A02_0210L, 28), Cidr.v4(0x0A02_02FFL, 32), Cidr.v4(0x0A02_0300L, 24),
        Cidr.v4(0x0A03_0000L, 17), Cidr.v4(0x0A03_8000L, 31)));
  }

  /** A /16 crowded with /24s of three or more members is one dense bitmap; its neighbours are not. */
  @org.junit.jupiter.api.Test
  void answersDenseAndSparseNeighbours() {
    List<Cidr> members = new ArrayList<>();
    for (int slash24 = 0; slash24 < Ipv4PrefixTable.DENSE_BITMAPS + 10; slash24++) {
      for (int a = 0; a < 256; a += 37) {
        members.add(Cidr.v4(0xC612_0000L | slash24 << 8 | a, 32));
      }
    }
    members.add(Cidr.v4(0xC612_FF00L, 24));
    members.add(Cidr.v4(0xC612_FE80L, 25));
    for (int slash24 = 0; slash24 < Ipv4PrefixTable.DENSE_BITMAPS - 1; slash24++) {
      for (int a = 1; a < 256; a += 64) {
        members.add(Cidr.v4(0xC613_0000L | slash24 << 8 | a, 32));
      }
    }
    members.add(Cidr.v4(0xC614_0000L, 16));
    assertAgrees(members);
  }

  @org.junit.jupiter.api.Test
  void refusesIpv6() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new Ipv4PrefixTable(DisjointCidrs.of(IpFamily.V6, List.of(Cidr.parse("2001:db8::/32")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Every address of each member's /16 (and of the neighbouring /16s) answers as the binary search. */
  private static void assertAgrees(List<Cidr> members) {
    DisjointCidrs set = DisjointCidrs.of(IpFamily.V4, members);
    Ipv4PrefixTable table = new Ipv4PrefixTable(set);
    TreeSet<Long> slash16s = new TreeSet<>();
    for (Cidr m : members) {
      long s16 = (m.hi() >>> 48) & 0xFFFF;
      for (long n = Math.max(0, s16 - 1); n <= Math.min(0xFFFF, s16 + 1); n++) {
        slash16s.add(n);
      }
    }
    for (long s16 : slash16s) {
      for (long a = s16 << 16; a < (s16 + 1) << 16; a++) {
        Cidr p = Cidr.v4(a, 32);
        assertThat(table.contains(p.hi(), p.lo())).as("%s in %s", p, members).isEqualTo(set.containsAddress(p));
      }
    }
    Random rnd = new Random(1);
    for (int i = 0; i < 20000; i++) {
      Cidr p = Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, 32);
      assertThat(table.contains(p.hi(), p.lo())).as("%s", p).isEqualTo(set.containsAddress(p));
    }
  }
}
