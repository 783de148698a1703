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

/** The bucket table answers exactly as the binary search over the same members. */
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
}
