package io.selvedge.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2.3.4                 | 1.2.3.4          | V4
      0.0.0.0                 | 0.0.0.0          | V4
      255.255.255.255         | 255.255.255.255  | V4
      100.200.0.0             | 100.200.0.0      | V4
      aabb:aabb::ffff         | aabb:aabb::ffff  | V6
      AABB:AABB::FFFF         | aabb:aabb::ffff  | V6
      ::                      | ::               | V6
      ::1                     | ::1              | V6
      1::                     | 1::              | V6
      1:0:0:2:0:0:0:3         | 1:0:0:2::3       | V6
      1:0:0:0:2:0:0:3         | 1::2:0:0:3       | V6
      0:1:0:1:0:1:0:1         | 0:1:0:1:0:1:0:1  | V6
      ::ffff:192.168.1.1      | ::ffff:192.168.1.1 | V6
      """)
  void accepts(String input, String canonical, IpFamily family) {
    IpAddress a = IpAddress.parse(input);
    assertThat(a).hasToString(canonical);
    assertThat(a.family()).isEqualTo(family);
    assertThat(IpAddress.parse(canonical)).isEqualTo(a);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      999.999.999.999  | 999 above 255
      1.2.3.4/32       | is a CIDR
      10.0.0.010       | leading zero
      fe80::1%eth0     | zone id
      localhost        | is not an IP address
      ''               | is empty
      '1.2.3.4 '       | whitespace
      """)
  void rejects(String input, String reason) {
    assertThatThrownBy(() -> IpAddress.parse(input))
        .isInstanceOf(IpFormatException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void bytesAndOrdering() {
    assertThat(IpAddress.parse("10.0.0.1").bytes()).containsExactly(10, 0, 0, 1);
    assertThat(IpAddress.ofV4(0x0a000001)).isEqualTo(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.ofV6(0x20010db800000000L, 1)).hasToString("2001:db8::1");
    assertThat(IpAddress.parse("::1").bytes()).hasSize(16).endsWith((byte) 1);
    assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
    assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
    assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff::"));
    assertThat(IpAddress.parse("1.2.3.4").hashCode()).isEqualTo(IpAddress.parse("1.2.3.4").hashCode());
  }
}
