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

  @Test
  void containment() {
    assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.1.2.3/32"))).isTrue();
    assertThat(Cidr.parse("10.1.2.3/32").contains(Cidr.parse("10.0.0.0/8"))).isFalse();
    assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("::/0"))).isFalse();
    assertThat(Cidr.parse("::/1").contains(Cidr.parse("7fff::1"))).isTrue();
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
