package io.selvedge.cli.netset;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aggregation: a table of cases, and random inputs checked against a brute-force model of covered addresses. */
class CidrAggregatorTest {

  private static List<String> aggregate(String... cidrs) {
    CidrAggregator a = new CidrAggregator();
    for (String c : cidrs) {
      if (c.contains("-")) {
        String[] p = c.split("-");
        a.addRange(IpAddress.parse(p[0]), IpAddress.parse(p[1]));
      } else {
        a.add(Cidr.parse(c));
      }
    }
    return a.aggregate().all().stream().map(Cidr::toString).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "10.0.0.0/24                                  | 10.0.0.0/24",
      "10.0.0.1/24                                  | 10.0.0.0/24",
      "10.0.0.0/25 10.0.0.128/25                    | 10.0.0.0/24",
      "10.0.0.128/25 10.0.0.0/25                    | 10.0.0.0/24",
      "10.0.1.0/24 10.0.0.0/24 10.0.2.0/23          | 10.0.0.0/22",
      "10.0.0.0/24 10.0.0.5 10.0.0.0/26             | 10.0.0.0/24",
      "10.0.0.0/24 10.0.0.0/24                      | 10.0.0.0/24",
      "10.0.1.0/24 10.0.2.0/24                      | 10.0.1.0/24 10.0.2.0/24",
      "10.0.0.1 10.0.0.2                            | 10.0.0.1/32 10.0.0.2/32",
      "10.0.0.2 10.0.0.3                            | 10.0.0.2/31",
      "0.0.0.0/0 10.0.0.0/8                         | 0.0.0.0/0",
      "0.0.0.0/1 128.0.0.0/1                        | 0.0.0.0/0",
      "255.255.255.255 255.255.255.254              | 255.255.255.254/31",
      "10.0.0.10-10.0.0.20                          | 10.0.0.10/31 10.0.0.12/30 10.0.0.16/30 10.0.0.20/32",
      "0.0.0.0-255.255.255.255                      | 0.0.0.0/0",
      "2001:db8::/33 2001:db8:8000::/33             | 2001:db8::/32",
      "2001:db8::1 2001:db8::/64 2001:db8:0:1::/64  | 2001:db8::/63",
      "2001:db8:: 2001:db8::/127 2001:db8::/128     | 2001:db8::/127",
      "2001:db8::1 2001:db8::                       | 2001:db8::/127",
      "::/0 2001:db8::/32                           | ::/0",
      "::/1 8000::/1                                | ::/0",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe | ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127",
      "2001:db8:0:0:ffff:ffff:ffff:ffff 2001:db8:0:1::  | 2001:db8::ffff:ffff:ffff:ffff/128 2001:db8:0:1::/128",
      "2001:db8::/64 2001:db8:0:1::/64 2001:db8:0:2::/63 | 2001:db8::/62",
      "192.0.2.0/24 2001:db8::/32 10.0.0.0/8        | 10.0.0.0/8 192.0.2.0/24 2001:db8::/32",
      "::ffff:10.0.0.0/104 10.0.0.0/8               | 10.0.0.0/8 ::ffff:10.0.0.0/104",
  })
  void table(String in, String want) {
    assertThat(aggregate(in.trim().split("\\s+"))).containsExactly(want.trim().split("\\s+"));
  }

  @org.junit.jupiter.api.Test
  void countsDuplicatesAndEntries() {
    CidrAggregator a = new CidrAggregator();
    a.add(Cidr.parse("10.0.0.0/24"));
    a.add(Cidr.parse("10.0.0.7/24"));
    a.add(Cidr.parse("2001:db8::/32"));
    a.add(Cidr.parse("2001:db8::/32"));
    a.add(Cidr.parse("2001:db8::/48"));
    CidrAggregator.Result r = a.aggregate();
    assertThat(r.entries()).isEqualTo(5);
    assertThat(r.duplicates()).isEqualTo(2);
    assertThat(r.v4()).containsExactly(Cidr.parse("10.0.0.0/24"));
    assertThat(r.v6()).containsExactly(Cidr.parse("2001:db8::/32"));
  }

  /** IPv4: random prefixes inside 10.20.0.0/16; the model is a bit per address. */
  @RepeatedTest(200)
  void v4MatchesBruteForceModel(RepetitionInfo rep) {
    long seed = 0x5e1ed9eL + rep.getCurrentRepetition();
    Random rnd = new Random(seed);
    BitSet model = new BitSet(1 << 16);
    CidrAggregator a = new CidrAggregator();
    int n = 1 + rnd.nextInt(rep.getCurrentRepetition() % 10 == 0 ? 3000 : 60);
    for (int i = 0; i < n; i++) {
      int len = 16 + rnd.nextInt(17);
      int offset = rnd.nextInt(1 << 16) & (int) (0xffffL << (32 - len) & 0xffff);
      int size = 1 << (32 - len);
      if (rnd.nextInt(10) == 0) {
        int last = Math.min(0xffff, offset + rnd.nextInt(700));
        a.addRange(IpAddress.ofV4(0x0a140000 | offset), IpAddress.ofV4(0x0a140000 | last));
        model.set(offset, last + 1);
      } else {
        // sometimes with host bits set: they must be ignored
        int hostBits = rnd.nextBoolean() ? rnd.nextInt(size) : 0;
        a.add(Cidr.of(IpAddress.ofV4(0x0a140000 | offset | hostBits), len));
        model.set(offset, offset + size);
      }
    }
    List<Cidr> out = a.aggregate().v4();
    checkAgainstModel(seed, out, model, 32, c -> (int) (c.network().low() & 0xffff));
  }

  /** IPv6: random prefixes /52../68 inside 2001:db8:0:f000::/52, crossing the 64-bit word boundary; one model bit per /68. */
  @RepeatedTest(200)
  void v6MatchesBruteForceModel(RepetitionInfo rep) {
    long seed = 0x6e1ed9eL + rep.getCurrentRepetition();
    Random rnd = new Random(seed);
    long baseHi = 0x20010db80000f000L;
    BitSet model = new BitSet(1 << 16);
    CidrAggregator a = new CidrAggregator();
    int n = 1 + rnd.nextInt(rep.getCurrentRepetition() % 10 == 0 ? 3000 : 60);
    for (int i = 0; i < n; i++) {
      int len = 52 + rnd.nextInt(17);
      int units = 1 << (68 - len);
      int unit = rnd.nextInt(1 << 16) & ~(units - 1);
      // unit u (16 bits) = address bits 52..67: the low 12 bits of hi and the top 4 bits of lo
      long hi = baseHi | (unit >>> 4);
      long lo = ((long) (unit & 0xf)) << 60;
      if (rnd.nextBoolean()) {
        lo |= rnd.nextLong() >>> 4; // host bits below /68, ignored after masking only if len <= 68
      }
      a.add(Cidr.of(IpAddress.ofV6(hi, lo), len));
      model.set(unit, unit + units);
    }
    List<Cidr> out = a.aggregate().v6();
    checkAgainstModel(seed, out, model, 68, c -> (int) (((c.network().high() & 0xfff) << 4) | (c.network().low() >>> 60)));
  }

  /** IPv6: random prefixes /112../128 inside 2001:db8::/112 (single addresses included); one model bit per address. */
  @RepeatedTest(100)
  void v6HostPrefixesMatchBruteForceModel(RepetitionInfo rep) {
    long seed = 0x7e1ed9eL + rep.getCurrentRepetition();
    Random rnd = new Random(seed);
    BitSet model = new BitSet(1 << 16);
    CidrAggregator a = new CidrAggregator();
    int n = 1 + rnd.nextInt(rep.getCurrentRepetition() % 10 == 0 ? 3000 : 60);
    for (int i = 0; i < n; i++) {
      int len = 112 + rnd.nextInt(17);
      int size = 1 << (128 - len);
      int offset = rnd.nextInt(1 << 16) & ~(size - 1);
      a.add(Cidr.of(IpAddress.ofV6(0x20010db800000000L, offset), len));
      model.set(offset, offset + size);
    }
    checkAgainstModel(seed, a.aggregate().v6(), model, 128, c -> (int) (c.network().low() & 0xffff));
  }

  private static void checkAgainstModel(long seed, List<Cidr> out, BitSet model, int unitBits,
      java.util.function.ToIntFunction<Cidr> unitOf) {
    BitSet got = new BitSet(1 << 16);
    Set<Cidr> present = new HashSet<>(out);
    Cidr previous = null;
    for (Cidr c : out) {
      assertThat(c.hasHostBits()).as("seed %d: %s has host bits", seed, c).isFalse();
      assertThat(c.prefixLength()).as("seed %d: %s finer than the inputs", seed, c).isLessThanOrEqualTo(unitBits);
      int start = unitOf.applyAsInt(c);
      int size = 1 << (unitBits - c.prefixLength());
      assertThat(got.get(start, start + size).isEmpty()).as("seed %d: %s overlaps another output", seed, c).isTrue();
      got.set(start, start + size);
      if (previous != null) {
        assertThat(previous.compareTo(c)).as("seed %d: output not sorted", seed).isLessThan(0);
      }
      previous = c;
      // minimal: the sibling of an output block is never also an output block
      if (c.prefixLength() > 0) {
        Cidr parent = Cidr.of(c.network(), c.prefixLength() - 1).masked();
        for (Cidr half : halves(parent)) {
          if (!half.equals(c)) {
            assertThat(present).as("seed %d: %s and its sibling %s should be one CIDR", seed, c, half).doesNotContain(half);
          }
        }
      }
    }
    assertThat(got).as("seed %d: covered addresses differ from the model", seed).isEqualTo(model);
  }

  private static List<Cidr> halves(Cidr parent) {
    List<Cidr> out = new ArrayList<>();
    int len = parent.prefixLength() + 1;
    IpAddress a = parent.network();
    out.add(Cidr.of(a, len));
    int bits = a.family().bits();
    int pos = bits - len; // bit set in the upper half
    IpAddress upper = a.family() == io.selvedge.net.IpFamily.V4
        ? IpAddress.ofV4((int) (a.low() | (1L << pos)))
        : pos >= 64 ? IpAddress.ofV6(a.high() | (1L << (pos - 64)), a.low()) : IpAddress.ofV6(a.high(), a.low() | (1L << pos));
    out.add(Cidr.of(upper, len));
    return out;
  }
}
