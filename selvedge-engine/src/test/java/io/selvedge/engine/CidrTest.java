package io.selvedge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
      "10.0.0.0/8, 10.0.0.0/8",
      "10.1.2.3/8, 10.0.0.0/8",
      "192.0.2.55, 192.0.2.55/32",
      "0.0.0.0/0, 0.0.0.0/0",
      "::/0, ::/0",
      "2001:DB8::1, 2001:db8::1/128",
      "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
      "2001:0:0:1:0:0:0:1/128, 2001:0:0:1::1/128",
      "::ffff:192.0.2.1/128, ::ffff:192.0.2.1/128",
      "fe80::1:2/64, fe80::/64",
      "1:2:3:4:5:6:7:8/128, 1:2:3:4:5:6:7:8/128",
      "1::/16, 1::/16",
  })
  void parsesAndPrintsCanonically(String in, String out) {
    assertThat(Cidr.parse(in).toString()).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.256/8", "10.0.0.0/33", "1::2::3", "1:2:3:4:5:6:7:8:9", "::/129",
      "10.0.0.0/", "g::1", "1.2.3.4.5", "::1.2.3.4:5"})
  void rejects(String in) {
    assertThatThrownBy(() -> Cidr.parse(in)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(in);
  }

  /** The packed IPv4 parse accepts, normalises and rejects exactly as {@link Cidr#parse}. */
  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "10.1.2.3/8", "192.0.2.55", "0.0.0.0/0", "255.255.255.255/32", "1.2.3.4/31",
      "128.0.0.1/1", "010.1.1.1/24", "", "10.0.0", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0/", "1.2.3.4.5", "1.2.3.4/x",
      "1.2.3.4/0032", " 1.2.3.4", "1..2.3", "1.2.3.1234", "::ffff:1.2.3.4", "2001:db8::/32", "::/0"})
  void packedIpv4ParseAgreesWithParse(String in) {
    Cidr expected;
    try {
      expected = Cidr.parse(in);
    } catch (IllegalArgumentException e) {
      assertThatThrownBy(() -> Cidr.parseV4Packed(in)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(e.getMessage());
      return;
    }
    long packed = Cidr.parseV4Packed(in);
    if (expected.family() == IpFamily.V6) {
      assertThat(packed).isEqualTo(-1);
    } else {
      assertThat(Cidr.v4(packed >>> 8, (int) (packed & 0xFF))).isEqualTo(expected);
      assertThat(packed >>> 8).isEqualTo(expected.hi() >>> 32); // host bits already clear
    }
  }

  @Test
  void containment() {
    assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.1.2.3/32"))).isTrue();
    assertThat(Cidr.parse("10.1.2.3/32").contains(Cidr.parse("10.0.0.0/8"))).isFalse();
    assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("::/0"))).isFalse();
    assertThat(Cidr.parse("::/1").contains(Cidr.parse("7fff::1"))).isTrue();
  }

  @Test
  void disjointBuilderIsSingleUse() {
    DisjointCidrs.Builder b = new DisjointCidrs.Builder(IpFamily.V4, 1).add(0x0A00_0000_0000_0000L, 0, 8);
    DisjointCidrs built = b.build(); // exactly full: takes the builder's arrays over
    assertThat(built.asList()).containsExactly(Cidr.parse("10.0.0.0/8"));
    assertThatThrownBy(() -> b.add(0x0B00_0000_0000_0000L, 0, 8)).isInstanceOf(RuntimeException.class);
    assertThat(built.asList()).containsExactly(Cidr.parse("10.0.0.0/8"));
  }

  @Test
  void disjointListsLookUpAddresses() {
    DisjointCidrs d = DisjointCidrs.of(IpFamily.V4,
        List.of(Cidr.parse("203.0.113.0/24"), Cidr.parse("192.0.2.55/32"), Cidr.parse("10.0.0.0/8")));
    assertThat(d.asList().toString()).isEqualTo("[10.0.0.0/8, 192.0.2.55/32, 203.0.113.0/24]");
    assertThat(d.containsAddress(Cidr.parse("10.200.1.1"))).isTrue();
    assertThat(d.containsAddress(Cidr.parse("192.0.2.55"))).isTrue();
    assertThat(d.containsAddress(Cidr.parse("192.0.2.56"))).isFalse();
    assertThat(d.containsAddress(Cidr.parse("203.0.113.255"))).isTrue();
    assertThat(d.containsAddress(Cidr.parse("9.255.255.255"))).isFalse();
    assertThat(d.containsAddress(Cidr.parse("::1"))).isFalse();
    assertThatThrownBy(() -> DisjointCidrs.of(IpFamily.V4, List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.1.0.0/16"))))
        .hasMessageContaining("overlapping");
    DisjointCidrs v6 = DisjointCidrs.of(IpFamily.V6, List.of(Cidr.parse("::/1"), Cidr.parse("8000::/1")));
    assertThat(v6.containsAddress(Cidr.parse("ffff::1"))).isTrue();
    assertThat(v6.get(1).toString()).isEqualTo("8000::/1");
    assertThat(v6).isEqualTo(DisjointCidrs.of(IpFamily.V6, List.of(Cidr.parse("8000::/1"), Cidr.parse("::/1"))));
  }
}
