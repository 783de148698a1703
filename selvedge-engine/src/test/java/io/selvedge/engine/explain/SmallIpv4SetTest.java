package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Ipv4Ranges} and {@link Ipv4HostSet} answer exactly as the binary search over the same members. */
class SmallIpv4SetTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 7, 64, 1000})
  void rangesAgreeWithTheSortedMembers(int size) {
    Random rnd = new Random(size);
    TreeSet<Cidr> members = new TreeSet<>();
    while (members.size() < size) {
      Cidr c = Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, 8 + rnd.nextInt(25));
      if (members.stream().noneMatch(m -> m.contains(c) || c.contains(m))) {
        members.add(c);
      }
    }
    assertAgrees(new ArrayList<>(members), rnd);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 50, 2475})
  void hostSetAgreesWithTheSortedMembers(int size) {
    Random rnd = new Random(size);
    TreeSet<Cidr> members = new TreeSet<>();
    while (members.size() < size) {
      // Crowded in one /20 so that neighbours and probe chains are exercised.
      members.add(Cidr.v4(0xC0A8_0000L + (rnd.nextInt(4096) & 0xFFFFFFFFL), 32));
    }
    List<Cidr> list = new ArrayList<>(members);
    assertThat(Ipv4HostSet.of(DisjointCidrs.of(IpFamily.V4, list))).isNotNull();
    assertAgrees(list, rnd);
  }

  /** Edges: 0.0.0.0 and 255.255.255.255 as members, /0, adjacent members, the sign bit. */
  @Test
  void answersTheEdges() {
    Random rnd = new Random(9);
    assertAgrees(List.of(Cidr.v4(0, 32), Cidr.v4(0xFFFF_FFFFL, 32), Cidr.v4(0x7FFF_FFFFL, 32),
        Cidr.v4(0x8000_0000L, 32)), rnd);
    assertAgrees(List.of(Cidr.v4(0, 0)), rnd);
    assertAgrees(List.of(Cidr.v4(0, 1), Cidr.v4(0x8000_0000L, 1)), rnd);
    assertAgrees(List.of(Cidr.v4(0x0A00_0000L, 24), Cidr.v4(0x0A00_0100L, 24), Cidr.v4(0x0A00_0200L, 32)), rnd);
  }

  @Test
  void hostSetOnlyForSingleAddressesAndNeverIpv6() {
    assertThat(Ipv4HostSet.of(DisjointCidrs.of(IpFamily.V4, List.of(Cidr.v4(0x0A00_0000L, 31))))).isNull();
    DisjointCidrs v6 = DisjointCidrs.of(IpFamily.V6, List.of(Cidr.parse("2001:db8::1/128")));
    assertThatThrownBy(() -> Ipv4HostSet.of(v6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ipv4Ranges(v6)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Each member's first and last address, their neighbours, and random addresses. */
  private static void assertAgrees(List<Cidr> members, Random rnd) {
    DisjointCidrs set = DisjointCidrs.of(IpFamily.V4, members);
    Ipv4Ranges ranges = new Ipv4Ranges(set);
    Ipv4HostSet hosts = Ipv4HostSet.of(set);
    List<Long> probes = new ArrayList<>(List.of(0L, 1L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL));
    for (Cidr m : members) {
      long first = m.hi() >>> 32;
      long last = first | ((1L << (32 - m.length())) - 1);
      for (long p : new long[] {first - 1, first, first + 1, last - 1, last, last + 1}) {
        probes.add(p & 0xFFFF_FFFFL);
      }
    }
    for (int i = 0; i < 20000; i++) {
      probes.add(rnd.nextBoolean() ? rnd.nextInt() & 0xFFFF_FFFFL : 0xC0A8_0000L + rnd.nextInt(8192));
    }
    for (long p : probes) {
      Cidr a = Cidr.v4(p, 32);
      boolean expected = set.containsAddress(a);
      assertThat(ranges.contains(a.hi(), a.lo())).as("ranges, %s in %s", a, members).isEqualTo(expected);
      if (hosts != null) {
        assertThat(hosts.contains(a.hi(), a.lo())).as("hosts, %s in %s", a, members).isEqualTo(expected);
      }
    }
  }
}
