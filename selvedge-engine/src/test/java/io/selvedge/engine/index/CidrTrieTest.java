package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CidrTrieTest {

  /** Collects reported changes as a net set, checking no change is reported twice. */
  static final class Recorder implements CoveringListener {
    final IpFamily family;
    final TreeSet<Cidr> current = new TreeSet<>();

    Recorder(IpFamily family) {
      this.family = family;
    }

    @Override
    public void added(long hi, long lo, int length) {
      Cidr c = Cidr.of(family, hi, lo, length);
      if (!current.add(c)) {
        throw new AssertionError("added twice: " + c);
      }
    }

    @Override
    public void removed(long hi, long lo, int length) {
      Cidr c = Cidr.of(family, hi, lo, length);
      if (!current.remove(c)) {
        throw new AssertionError("removed but absent: " + c);
      }
    }
  }

  private static List<Cidr> cidrs(String... s) {
    List<Cidr> out = new ArrayList<>();
    for (String x : s) {
      out.add(Cidr.parse(x));
    }
    return out;
  }

  @Test
  void slash8HidesSlash32AndRemovingItBringsItBack() {
    CidrTrie t = new CidrTrie(IpFamily.V4);
    Recorder r = new Recorder(IpFamily.V4);
    t.add(Cidr.parse("10.1.2.3/32"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.1.2.3/32"));
    t.add(Cidr.parse("10.0.0.0/8"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.0.0.0/8"));
    assertThat(t.snapshot().asList()).containsExactlyElementsOf(cidrs("10.0.0.0/8"));
    t.remove(Cidr.parse("10.0.0.0/8"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.1.2.3/32"));
    assertThat(t.snapshot().asList()).containsExactlyElementsOf(cidrs("10.1.2.3/32"));
    t.remove(Cidr.parse("10.1.2.3/32"), r);
    assertThat(r.current).isEmpty();
    assertThat(t.isEmpty()).isTrue();
  }

  @Test
  void referenceCountsKeepAMemberUntilTheLastContributorGoes() {
    CidrTrie t = new CidrTrie(IpFamily.V4);
    Recorder r = new Recorder(IpFamily.V4);
    t.add(Cidr.parse("192.0.2.0/24"), r);
    t.add(Cidr.parse("192.0.2.0/24"), r);
    t.remove(Cidr.parse("192.0.2.0/24"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("192.0.2.0/24"));
    assertThat(t.count(Cidr.parse("192.0.2.0/24"))).isEqualTo(1);
    t.remove(Cidr.parse("192.0.2.0/24"), r);
    assertThat(r.current).isEmpty();
    assertThatThrownBy(() -> t.remove(Cidr.parse("192.0.2.0/24"), r)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void coveringMembersInsideACoveredMemberStayHiddenWhenTheInnerOneGoes() {
    CidrTrie t = new CidrTrie(IpFamily.V4);
    Recorder r = new Recorder(IpFamily.V4);
    for (Cidr c : cidrs("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.2.0.0/16", "11.0.0.0/8")) {
      t.add(c, r);
    }
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.0.0.0/8", "11.0.0.0/8"));
    t.remove(Cidr.parse("10.1.0.0/16"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.0.0.0/8", "11.0.0.0/8"));
    t.remove(Cidr.parse("10.0.0.0/8"), r);
    assertThat(r.current).containsExactlyElementsOf(cidrs("10.1.2.0/24", "10.2.0.0/16", "11.0.0.0/8"));
    assertThat(t.coveringSize()).isEqualTo(3);
    assertThat(t.distinctSize()).isEqualTo(3);
  }

  @Test
  void ipv6HalvesAndHostRoutes() {
    CidrTrie t = new CidrTrie(IpFamily.V6);
    Recorder r = new Recorder(IpFamily.V6);
    t.add(Cidr.parse("2001:db8::1/128"), r);
    t.add(Cidr.parse("::/1"), r);
    t.add(Cidr.parse("8000::/1"), r);
    assertThat(t.snapshot().asList()).containsExactlyElementsOf(cidrs("::/1", "8000::/1"));
    t.remove(Cidr.parse("::/1"), r);
    assertThat(t.snapshot().asList()).containsExactlyElementsOf(cidrs("2001:db8::1/128", "8000::/1"));
    assertThat(r.current).containsExactlyElementsOf(cidrs("2001:db8::1/128", "8000::/1"));
  }

  /** Random add/remove sequences on a small universe (many overlaps) against a brute-force model. */
  @ParameterizedTest
  @EnumSource(IpFamily.class)
  void matchesBruteForceModel(IpFamily family) {
    for (long seed = 1; seed <= 200; seed++) {
      try {
        runRandom(family, seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + " family " + family + ": " + e.getMessage(), e);
      }
    }
  }

  private static void runRandom(IpFamily family, long seed) {
    Random rnd = new Random(seed);
    CidrTrie trie = new CidrTrie(family);
    Recorder rec = new Recorder(family);
    Map<Cidr, Integer> model = new HashMap<>();
    List<Cidr> present = new ArrayList<>();
    int steps = 50 + rnd.nextInt(250);
    for (int step = 0; step < steps; step++) {
      boolean add = present.isEmpty() || rnd.nextInt(100) < 60;
      if (rnd.nextInt(10) == 0) {
        trie.reserve(rnd.nextInt(40)); // room made ahead (a big item's prefixes) changes nothing
      }
      if (add) {
        Cidr c = randomCidr(family, rnd);
        trie.add(c, rec);
        if (model.merge(c, 1, Integer::sum) == 1) {
          present.add(c);
        } else if (rnd.nextBoolean()) {
          present.add(c); // sometimes allow removing a duplicate reference too
        }
      } else {
        Cidr c = present.remove(rnd.nextInt(present.size()));
        Integer n = model.get(c);
        if (n == null) {
          continue;
        }
        trie.remove(c, rec);
        if (n == 1) {
          model.remove(c);
          present.removeIf(c::equals);
        } else {
          model.put(c, n - 1);
          if (!present.contains(c)) {
            present.add(c);
          }
        }
      }
      TreeSet<Cidr> expected = covering(model.keySet());
      assertThat(rec.current).as("reported, step " + step).containsExactlyElementsOf(expected);
      assertThat(trie.snapshot().asList()).as("snapshot, step " + step).containsExactlyElementsOf(expected);
      assertThat(trie.distinctSize()).isEqualTo(model.size());
      assertThat(trie.coveringSize()).isEqualTo(expected.size());
    }
    // Drain: delete everything -> empty.
    for (Map.Entry<Cidr, Integer> e : new ArrayList<>(model.entrySet())) {
      for (int i = 0; i < e.getValue(); i++) {
        trie.remove(e.getKey(), rec);
      }
    }
    assertThat(rec.current).isEmpty();
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.snapshot().isEmpty()).isTrue();
  }

  /**
   * A set's first item fills an empty trie in one pass over its sorted prefixes: the same
   * members, counts and reports as adding them one by one, and the same behaviour afterwards
   * (random adds and removes applied to both, then everything removed).
   */
  @ParameterizedTest
  @EnumSource(IpFamily.class)
  void sortedLoadOfAnEmptyTrieEqualsAddingOneByOne(IpFamily family) {
    for (long seed = 1; seed <= 300; seed++) {
      Random rnd = new Random(seed);
      List<Cidr> item = new ArrayList<>();
      for (int i = rnd.nextInt(seed % 10 == 0 ? 3 : 60); i > 0; i--) {
        Cidr c = randomCidr(family, rnd);
        item.add(c);
        if (rnd.nextInt(5) == 0) {
          item.add(c); // duplicates are references
        }
      }
      item.add(Cidr.parse(family == IpFamily.V4 ? "2001:db8::/32" : "10.0.0.0/8")); // other family: ignored
      CidrTrie bulk = new CidrTrie(family);
      Recorder bulkRec = new Recorder(family);
      bulk.addAll(PackedCidrs.of(item), bulkRec);
      CidrTrie single = new CidrTrie(family);
      Recorder singleRec = new Recorder(family);
      Map<Cidr, Integer> model = new HashMap<>();
      for (Cidr c : item) {
        if (c.family() == family) {
          single.add(c, singleRec);
          model.merge(c, 1, Integer::sum);
        }
      }
      String at = "seed " + seed + " family " + family;
      assertThat(bulkRec.current).as(at).isEqualTo(singleRec.current).isEqualTo(covering(model.keySet()));
      assertThat(bulk.snapshot()).as(at).isEqualTo(single.snapshot());
      assertThat(bulk.distinctSize()).as(at).isEqualTo(model.size());
      assertThat(bulk.coveringSize()).as(at).isEqualTo(single.coveringSize());
      for (Map.Entry<Cidr, Integer> e : model.entrySet()) {
        assertThat(bulk.count(e.getKey())).as(at).isEqualTo(e.getValue());
      }
      // A second item (added one by one: the trie is not empty), then random changes and a full
      // drain, applied to both tries: they must stay equal.
      PackedCidrs second = PackedCidrs.of(List.of(randomCidr(family, rnd), randomCidr(family, rnd)));
      bulk.addAll(second, bulkRec);
      second.forEach(family, (f, h, l, n) -> model.merge(Cidr.of(f, h, l, n), 1, Integer::sum));
      CidrTrie other = single;
      second.forEach(family, (f, h, l, n) -> other.add(h, l, n, singleRec));
      for (int step = 0; step < 60; step++) {
        Cidr c = randomCidr(family, rnd);
        if (model.containsKey(c) && rnd.nextBoolean()) {
          bulk.remove(c, bulkRec);
          single.remove(c, singleRec);
          model.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1);
        } else {
          bulk.add(c, bulkRec);
          single.add(c, singleRec);
          model.merge(c, 1, Integer::sum);
        }
        assertThat(bulk.snapshot()).as(at + " step " + step).isEqualTo(single.snapshot());
        assertThat(bulkRec.current).as(at + " step " + step).isEqualTo(singleRec.current)
            .isEqualTo(covering(model.keySet()));
      }
      for (Map.Entry<Cidr, Integer> e : model.entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          bulk.remove(e.getKey(), bulkRec);
        }
      }
      assertThat(bulk.isEmpty()).as(at).isTrue();
      assertThat(bulkRec.current).as(at).isEmpty();
    }
  }

  static TreeSet<Cidr> covering(Iterable<Cidr> members) {
    TreeSet<Cidr> out = new TreeSet<>();
    for (Cidr c : members) {
      boolean hidden = false;
      for (Cidr o : members) {
        if (!o.equals(c) && o.contains(c)) {
          hidden = true;
          break;
        }
      }
      if (!hidden) {
        out.add(c);
      }
    }
    return out;
  }

  /** Prefixes of a few random lengths over a few random base addresses, so they nest often. */
  static Cidr randomCidr(IpFamily family, Random rnd) {
    int bits = family.bits();
    long[][] bases = family == IpFamily.V4
        ? new long[][] {{0x0A00_0000_0000_0000L, 0}, {0x0A01_0000_0000_0000L, 0}, {0xC000_0200_0000_0000L, 0},
            {0x0A01_0203_0000_0000L, 0}}
        : new long[][] {{0x2001_0db8_0000_0000L, 0}, {0x2001_0db8_0000_0000L, 1}, {0x2001_0db8_0001_0000L, 5},
            {0x8000_0000_0000_0000L, 0}};
    long[] base = bases[rnd.nextInt(bases.length)];
    long h = base[0];
    long l = base[1];
    // flip one random low-order bit sometimes, to create siblings
    if (rnd.nextBoolean()) {
      int b = rnd.nextInt(bits);
      if (b < 64) {
        h ^= 1L << (63 - b);
      } else {
        l ^= 1L << (127 - b);
      }
    }
    int length = rnd.nextInt(8) == 0 ? rnd.nextInt(3) : rnd.nextInt(bits + 1);
    return Cidr.of(family, h, l, length);
  }
}
