package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

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
