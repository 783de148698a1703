package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Cidr;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hash index finds exactly the host addresses added, the first value of each, per family. */
class AddressIndexTest {
  @Test
  void findsEveryAddedAddressAndNothingElse() {
    Random rnd = new Random(7);
    AddressIndex.Builder<Integer> b = new AddressIndex.Builder<>();
    Map<Cidr, Integer> expected = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      Cidr a = rnd.nextBoolean() ? Cidr.v4(rnd.nextInt(1 << 12) & 0xFFFFFFFFL, 32)
          : Cidr.parse("2001:db8::" + Integer.toHexString(rnd.nextInt(1 << 12)));
      b.add(a, i);
      expected.putIfAbsent(a, i);
    }
    b.add(Cidr.parse("10.0.0.0/8"), -1);
    AddressIndex<Integer> index = b.build();
    AddressIndex<String> mapped = index.map(v -> "v" + v);
    for (int i = 0; i < 1 << 12; i++) {
      for (Cidr a : new Cidr[] {Cidr.v4(i, 32), Cidr.parse("2001:db8::" + Integer.toHexString(i))}) {
        assertThat(index.get(a)).as("%s", a).isEqualTo(expected.get(a));
        assertThat(mapped.get(a)).as("%s", a).isEqualTo(expected.containsKey(a) ? "v" + expected.get(a) : null);
      }
    }
    assertThat(index.get(Cidr.parse("10.0.0.0"))).as("only host prefixes are indexed").isNull();
    assertThat(index.get(Cidr.parse("0.0.0.0"))).isEqualTo(expected.get(Cidr.parse("0.0.0.0")));
  }

  @Test
  void smallIndexesFindTheirAddressesBehindTheFilter() {
    Random rnd = new Random(11);
    for (int size : new int[] {0, 1, 3, 100}) {
      AddressIndex.Builder<Integer> b = new AddressIndex.Builder<>();
      Map<Cidr, Integer> expected = new HashMap<>();
      while (expected.size() < size) {
        Cidr a = Cidr.v4(0x0A00_0000L | rnd.nextInt(1 << 16), 32);
        b.add(a, expected.size());
        expected.putIfAbsent(a, expected.size());
      }
      AddressIndex<Integer> index = b.build();
      AddressIndex<String> mapped = index.map(v -> "v" + v);
      for (Cidr a : expected.keySet()) {
        assertThat(index.get(a)).as("size %d, %s", size, a).isEqualTo(expected.get(a));
        assertThat(mapped.get(a)).as("size %d, %s", size, a).isEqualTo("v" + expected.get(a));
      }
      for (int i = 0; i < 1 << 16; i++) {
        Cidr a = Cidr.v4(0x0A00_0000L | i, 32);
        assertThat(index.get(a)).as("size %d, %s", size, a).isEqualTo(expected.get(a));
      }
    }
  }
}
