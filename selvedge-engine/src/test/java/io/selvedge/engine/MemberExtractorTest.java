package io.selvedge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.index.PackedCidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberExtractorTest {

  /**
   * A list long enough to be parsed in two halves on two threads gives the members and the
   * problems (in list order) that parsing it entry by entry gives.
   */
  @Test
  void bigListsParsedInHalvesEqualParsingEntryByEntry() {
    Random rnd = new Random(7);
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < MemberExtractor.PARALLEL_MIN + 1001; i++) {
      int kind = rnd.nextInt(1000);
      if (kind == 0) {
        nets.add("10.0.0.300/8"); // bad, in either half
      } else if (kind == 1) {
        nets.add("2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::/48");
      } else if (kind == 2) {
        nets.add(rnd.nextBoolean() ? "0.0.0.0/0" : "::/0");
      } else {
        nets.add((rnd.nextInt(256)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256)
            + "/" + (8 + rnd.nextInt(25)));
      }
    }
    List<String> problems = new ArrayList<>();
    PackedCidrs packed = MemberExtractor.nets(Fixtures.gns("big", Map.of(), nets.toArray(new String[0])), problems::add);

    List<Cidr> expected = new ArrayList<>();
    List<String> expectedProblems = new ArrayList<>();
    for (int i = 0; i < nets.size(); i++) {
      List<Cidr> one = MemberExtractor.netMembers(List.of(nets.get(i)));
      if (one == null) {
        expectedProblems.add("spec.nets[" + i + "]: " + badMessage(nets.get(i)) + " (skipped)");
      } else {
        expected.addAll(one);
      }
    }
    assertThat(expectedProblems).isNotEmpty();
    assertThat(problems).isEqualTo(expectedProblems);
    assertThat(packed).isEqualTo(PackedCidrs.of(expected));
    assertThat(packed.size()).isEqualTo(expected.size());
  }

  private static String badMessage(String text) {
    try {
      Cidr.parse(text);
      throw new AssertionError(text + " parses");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
