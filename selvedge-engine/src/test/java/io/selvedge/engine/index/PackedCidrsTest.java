package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedCidrsTest {

  private static List<Cidr> unpack(PackedCidrs p) {
    List<Cidr> out = new ArrayList<>();
    p.forEach((f, hi, lo, len) -> out.add(Cidr.of(f, hi, lo, len)));
    return out;
  }

  @Test
  void sortsKeepsDuplicatesAndDiffsAsMultisets() {
    for (long seed = 1; seed <= 100; seed++) {
      Random rnd = new Random(seed);
      List<Cidr> a = random(rnd);
      List<Cidr> b = random(rnd);
      PackedCidrs pa = PackedCidrs.of(a);
      PackedCidrs pb = PackedCidrs.of(b);
      List<Cidr> sortedA = new ArrayList<>(a);
      Collections.sort(sortedA);
      assertThat(unpack(pa)).as("seed %d", seed).isEqualTo(sortedA);
      assertThat(pa.size()).isEqualTo(a.size());
      // Applying the diff to a's multiset gives b's.
      List<Cidr> state = new ArrayList<>(a);
      PackedCidrs.diff(pa, pb, (f, hi, lo, len) -> assertThat(state.remove(Cidr.of(f, hi, lo, len))).isTrue(),
          (f, hi, lo, len) -> state.add(Cidr.of(f, hi, lo, len)));
      Collections.sort(state);
      List<Cidr> sortedB = new ArrayList<>(b);
      Collections.sort(sortedB);
      assertThat(state).as("seed %d", seed).isEqualTo(sortedB);
      assertThat(pa.equals(PackedCidrs.of(sortedA))).isTrue();
    }
  }

  @Test
  void largeIpv4ListsSortAsSmallOnes() {
    // Above RADIX_MIN the builder radix-sorts; the order must be the one Cidr's compareTo gives.
    for (long seed = 1; seed <= 5; seed++) {
      Random rnd = new Random(seed);
      List<Cidr> in = new ArrayList<>();
      int n = PackedCidrs.Builder.RADIX_MIN + rnd.nextInt(20_000);
      for (int i = 0; i < n; i++) {
        // Full address range (high bit set too), all lengths, some duplicates.
        in.add(i % 10 == 0 && i > 0 ? in.get(rnd.nextInt(i)) : Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, rnd.nextInt(33)));
      }
      List<Cidr> sorted = new ArrayList<>(in);
      Collections.sort(sorted);
      assertThat(unpack(PackedCidrs.of(in))).as("seed %d", seed).isEqualTo(sorted);
    }
  }

  /** Packed IPv4 input (the network-set fast path) builds what Cidr input builds, at any presize. */
  @Test
  void packedIpv4InputBuildsTheSameAsCidrs() {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      int n = seed % 2 == 0 ? rnd.nextInt(50) : PackedCidrs.Builder.RADIX_MIN + rnd.nextInt(5_000);
      List<Cidr> in = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        in.add(Cidr.v4(rnd.nextInt() & 0xFFFFFFFFL, rnd.nextInt(33)));
      }
      // Presized exactly (the built list takes the array over), too small (grows), too large.
      for (int expected : new int[] {n, n / 2, n + 7}) {
        PackedCidrs.Builder b = new PackedCidrs.Builder(expected);
        for (Cidr c : in) {
          b.addV4Packed(((c.hi() >>> 32) << 8) | c.length());
        }
        b.add(Cidr.parse("2001:db8::/32"));
        List<Cidr> all = new ArrayList<>(in);
        all.add(Cidr.parse("2001:db8::/32"));
        PackedCidrs built = b.build();
        assertThat(built).as("seed %d presize %d", seed, expected).isEqualTo(PackedCidrs.of(all));
        assertThat(built.size(IpFamily.V4)).isEqualTo(n);
        assertThat(built.size(IpFamily.V6)).isEqualTo(1);
        assertThatThrownBy(() -> b.addV4Packed(1)).as("single use").isInstanceOf(RuntimeException.class);
      }
    }
  }

  @Test
  void radixSortSkipsPassesWhereEveryKeyAgrees() {
    // Same length and same top bytes everywhere: passes are skipped, the result still sorted.
    long[] a = new long[PackedCidrs.Builder.RADIX_MIN * 2];
    Random rnd = new Random(7);
    for (int i = 0; i < a.length; i++) {
      a[i] = ((0x0A000000L | rnd.nextInt(1 << 16)) << 8) | 32;
    }
    long[] expected = a.clone();
    java.util.Arrays.sort(expected);
    PackedCidrs.Builder.sort4(a);
    assertThat(a).isEqualTo(expected);
  }

  @Test
  void patchedRemovesAndAddsAsMultisetsAndCountsOccurrences() {
    for (long seed = 1; seed <= 200; seed++) {
      Random rnd = new Random(seed);
      List<Cidr> a = random(rnd);
      List<Cidr> removed = new ArrayList<>();
      for (Cidr c : a) {
        if (rnd.nextInt(3) == 0) {
          removed.add(c);
        }
      }
      List<Cidr> added = random(rnd);
      List<Cidr> expected = new ArrayList<>(a);
      removed.forEach(expected::remove);
      expected.addAll(added);

      PackedCidrs got = PackedCidrs.of(a).patched(PackedCidrs.of(removed), PackedCidrs.of(added));

      assertThat(got).as("seed %d", seed).isEqualTo(PackedCidrs.of(expected));
      for (Cidr c : expected) {
        assertThat(got.count(c)).as("seed %d: count of %s", seed, c).isEqualTo(Collections.frequency(expected, c));
      }
      for (Cidr c : random(rnd)) {
        assertThat(got.count(c)).as("seed %d: count of %s", seed, c).isEqualTo(Collections.frequency(expected, c));
      }
    }
  }

  @Test
  void patchedRefusesToRemoveWhatIsNotThere() {
    PackedCidrs a = PackedCidrs.of(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/64")));
    for (String absent : new String[] {"10.0.0.0/9", "9.0.0.0/8", "11.0.0.0/8", "fd00::/65", "fe00::/64"}) {
      assertThatThrownBy(
          () -> a.patched(PackedCidrs.of(List.of(Cidr.parse(absent))), PackedCidrs.EMPTY))
          .as(absent).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(a.patched(PackedCidrs.EMPTY, PackedCidrs.EMPTY)).isSameAs(a);
  }

  private static List<Cidr> random(Random rnd) {
    List<Cidr> out = new ArrayList<>();
    for (int i = rnd.nextInt(40); i > 0; i--) {
      if (rnd.nextBoolean()) {
        out.add(Cidr.v4(rnd.nextInt(8) << 24 | 0xFF0000 & rnd.nextInt(3) << 16, rnd.nextInt(33)));
      } else {
        out.add(Cidr.of(IpFamily.V6, rnd.nextInt(3) == 0 ? Long.MIN_VALUE : (long) rnd.nextInt(4) << 48,
            rnd.nextInt(3), rnd.nextInt(129)));
      }
    }
    return out;
  }
}
