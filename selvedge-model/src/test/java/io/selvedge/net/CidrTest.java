package io.selvedge.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      10.0.0.0/8           | 10.0.0.0/8         | V4 | 8   | false
      10.0.0.1/24          | 10.0.0.1/24        | V4 | 24  | true
      10.0.0.1             | 10.0.0.1/32        | V4 | 32  | false
      0.0.0.0/0            | 0.0.0.0/0          | V4 | 0   | false
      255.255.255.255/32   | 255.255.255.255/32 | V4 | 32  | false
      1.2.3.4/0            | 1.2.3.4/0          | V4 | 0   | true
      0.0.0.0              | 0.0.0.0/32         | V4 | 32  | false
      ::/0                 | ::/0               | V6 | 0   | false
      ::0/0                | ::/0               | V6 | 0   | false
      0:0:0::/0            | ::/0               | V6 | 0   | false
      0:0:0:0:0:0:0:0/0    | ::/0               | V6 | 0   | false
      ::                   | ::/128             | V6 | 128 | false
      ::1                  | ::1/128            | V6 | 128 | false
      2001:DB8::/32        | 2001:db8::/32      | V6 | 32  | false
      2001:0db8:0000:0000:0000:0000:0000:0001/128 | 2001:db8::1/128 | V6 | 128 | false
      2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1/128 | V6 | 128 | false
      2001:0:0:1:0:0:0:1   | 2001:0:0:1::1/128  | V6 | 128 | false
      2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1/128 | V6 | 128 | false
      1:2:3:4:5:6:7::      | 1:2:3:4:5:6:7:0/128 | V6 | 128 | false
      ::2:3:4:5:6:7:8      | 0:2:3:4:5:6:7:8/128 | V6 | 128 | false
      dead:beef::          | dead:beef::/128    | V6 | 128 | false
      dead:beef::/96       | dead:beef::/96     | V6 | 96  | false
      aabb:aabb::0000/122  | aabb:aabb::/122    | V6 | 122 | false
      aabb:aabb::ffff/120  | aabb:aabb::ffff/120 | V6 | 120 | true
      ::ffff:1.2.3.4       | ::ffff:1.2.3.4/128 | V6 | 128 | false
      ::ffff:0102:0304     | ::ffff:1.2.3.4/128 | V6 | 128 | false
      ::1.2.3.4            | ::102:304/128      | V6 | 128 | false
      64:ff9b::192.0.2.33/96 | 64:ff9b::c000:221/96 | V6 | 96 | true
      fe80::1/10           | fe80::1/10         | V6 | 10  | true
      8000::/1             | 8000::/1           | V6 | 1   | false
      ::1/64               | ::1/64             | V6 | 64  | true
      """)
  void accepts(String input, String canonical, IpFamily family, int prefix, boolean hostBits) {
    Cidr c = Cidr.parse(input);
    assertThat(c.toString()).isEqualTo(canonical);
    assertThat(c.family()).isEqualTo(family);
    assertThat(c.prefixLength()).isEqualTo(prefix);
    assertThat(c.hasHostBits()).isEqualTo(hostBits);
    assertThat(Cidr.parse(canonical)).isEqualTo(c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      ''                     | is empty
      10.0.0.1/33            | prefix length 33, out of range (IPv4: 0-32)
      ::/129                 | prefix length 129, out of range (IPv6: 0-128)
      10.0.0.0/1000          | out of range
      1.2.3                  | has 3 IPv4 octets
      1.2.3.4.5              | more than 4 IPv4 octets
      '10.0.0.0/8 '          | whitespace
      ' 10.0.0.0/8'          | whitespace
      10.0.0.0 /8            | whitespace
      010.0.0.1              | leading zero
      10.0.0.01/32           | leading zero
      10.0.0.0/08            | prefix length with a leading zero
      10.0.0.0/+8            | '+' at position 10
      10.0.0.0/-1            | '-' at position 10
      10.0.0.0/              | empty prefix length
      10.0.0.0/8/8           | '/' at position 11
      256.0.0.0/8            | 256 above 255
      1.2.3.1234             | more than 3 digits
      0x0a.0.0.1             | 'x' at position 2
      10..0.1                | empty IPv4 octet
      .10.0.0.1              | empty IPv4 octet
      10.0.0.1.              | more than 4 IPv4 octets
      garbage                | is not an IP address
      10.abcd                | 'a' at position 4
      1.2.3.4/32;rm -rf /    | ';' at position 11
      fe80::1%eth0           | zone id
      fe80::1%eth0/64        | zone id
      :::                    | empty IPv6 group
      1::2::3                | more than one '::'
      1:2:3:4:5:6:7:8:9      | more than 8 IPv6 groups
      1:2:3:4:5:6:7:8::      | stands for no group
      1:2:3:4:5:6:7          | has 7 IPv6 groups
      12345::                | more than 4 hex digits
      g::                    | 'g' at position 1
      1:                     | ends with a single ':'
      :1::                   | empty IPv6 group
      ::ffff:1.2.3           | has 3 IPv4 octets
      1.2.3.4::              | not in the last 32 bits
      ::1.2.3.4:5            | ':' at position 10
      1:2:3:4:5:6:7:1.2.3.4  | not in the last 32 bits
      1:2:3:4:5:6:7::1.2.3.4 | too many groups
      1:2:3:1.2.3.4          | not in the last 32 bits
      ::ffff:01.2.3.4        | leading zero
      /8                     | is empty
      '$(reboot)'            | is not an IP address
      '`id`/8'               | is not an IP address
      """)
  void rejects(String input, String reason) {
    assertThatThrownBy(() -> Cidr.parse(input))
        .isInstanceOf(IpFormatException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((IpFormatException) e).input()).isEqualTo(input));
  }

  @Test
  void rejectsControlCharactersAndQuotesThemSafely() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/8\n"))
        .hasMessage("\"10.0.0.0/8\\n\": contains whitespace");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/8\u0000"))
        .hasMessageStartingWith("\"10.0.0.0/8\\u0000\": ");
    assertThatThrownBy(() -> Cidr.parse("1.2.3.4\u00a0"))
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> Cidr.parse("\"quoted\""))
        .hasMessageStartingWith("\"\\\"quoted\\\"\": ");
    assertThatThrownBy(() -> Cidr.parse("١.٢.٣.٤")) // Arabic-Indic digits are not digits here
        .isInstanceOf(IpFormatException.class);
    assertThatThrownBy(() -> Cidr.parse(null)).isInstanceOf(IpFormatException.class);
  }

  @Test
  void longInputIsTruncatedInTheMessage() {
    String s = "1".repeat(10_000);
    assertThatThrownBy(() -> Cidr.parse(s)).hasMessageContaining("...\" (10000 characters)");
  }

  @Test
  void maskingContainmentAndCatchAll() {
    Cidr c = Cidr.parse("10.1.2.3/16");
    assertThat(c.masked()).hasToString("10.1.0.0/16");
    assertThat(c.network()).hasToString("10.1.0.0");
    assertThat(c.address()).hasToString("10.1.2.3");
    assertThat(c.contains(IpAddress.parse("10.1.255.255"))).isTrue();
    assertThat(c.contains(IpAddress.parse("10.2.0.0"))).isFalse();
    assertThat(c.contains(IpAddress.parse("::ffff:10.1.0.1"))).isFalse();
    assertThat(c.contains(Cidr.parse("10.1.128.0/17"))).isTrue();
    assertThat(c.contains(Cidr.parse("10.0.0.0/8"))).isFalse();
    Cidr clean = Cidr.parse("10.0.0.0/8");
    assertThat(clean.masked()).isSameAs(clean);
    assertThat(Cidr.parse("0.0.0.0/0").isCatchAll()).isTrue();
    assertThat(Cidr.parse("::0/0").isCatchAll()).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("::/0"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
    assertThat(Cidr.parse("2001:db8::/64").contains(IpAddress.parse("2001:db8::ffff:1"))).isTrue();
    assertThat(Cidr.parse("2001:db8::/65").contains(IpAddress.parse("2001:db8::8000:0:0:1"))).isFalse();
    assertThat(Cidr.parse("1.2.3.4/32").isSingleAddress()).isTrue();
    assertThat(Cidr.parse("::1").isSingleAddress()).isTrue();
    assertThat(Cidr.hasExplicitPrefix("10.0.0.1")).isFalse();
    assertThat(Cidr.hasExplicitPrefix("10.0.0.1/32")).isTrue();
  }

  @Test
  void equalityIgnoresSpellingButNotHostBits() {
    assertThat(Cidr.parse("2001:DB8:0::/32")).isEqualTo(Cidr.parse("2001:db8::/32"))
        .hasSameHashCodeAs(Cidr.parse("2001:db8::/32"));
    assertThat(Cidr.parse("10.0.0.1/24")).isNotEqualTo(Cidr.parse("10.0.0.0/24"));
    assertThat(Cidr.parse("10.0.0.1")).isEqualTo(Cidr.parse("10.0.0.1/32"));
    assertThat(Cidr.parse("::ffff:10.0.0.1")).isNotEqualTo(Cidr.parse("10.0.0.1"));
    assertThat(Cidr.parse("10.0.0.0/8")).isLessThan(Cidr.parse("10.0.0.0/9")).isLessThan(Cidr.parse("::/0"));
  }

  /** Random addresses and prefixes: canonical text and alternative spellings round-trip. */
  @Test
  void seededRandomRoundTrip() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    try {
      for (int i = 0; i < 20_000; i++) {
        boolean v6 = r.nextBoolean();
        byte[] bytes = new byte[v6 ? 16 : 4];
        r.nextBytes(bytes);
        if (v6 && r.nextInt(3) == 0) { // runs of zero groups exercise '::'
          int from = r.nextInt(8);
          int to = from + r.nextInt(8 - from) + 1;
          for (int k = from * 2; k < to * 2; k++) {
            bytes[k] = 0;
          }
        }
        int len = r.nextInt(v6 ? 129 : 33);
        IpAddress a = IpAddress.ofBytes(bytes);
        Cidr c = Cidr.of(a, len);

        assertThat(Cidr.parse(c.toString())).isEqualTo(c);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
        assertThat(a.bytes()).isEqualTo(bytes);
        // The JDK parses literals without DNS; its bytes must agree with ours.
        String jdkText = InetAddress.getByAddress(bytes).getHostAddress();
        assertThat(IpAddress.parse(jdkText)).isEqualTo(a);
        if (v6) {
          // Fully expanded, upper case, leading zeros: the same value.
          StringBuilder full = new StringBuilder();
          for (int k = 0; k < 16; k += 2) {
            if (k > 0) {
              full.append(':');
            }
            full.append(String.format("%02X%02X", bytes[k], bytes[k + 1]));
          }
          assertThat(Cidr.parse(full + "/" + len)).isEqualTo(c);
          assertThat(Cidr.parse(full.toString().toLowerCase(Locale.ROOT) + "/" + len)).isEqualTo(c);
        }
        // masked() and contains() against a BigInteger model.
        int bits = v6 ? 128 : 32;
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE);
        BigInteger network = value.andNot(hostMask);
        assertThat(c.hasHostBits()).isEqualTo(!value.equals(network));
        assertThat(new BigInteger(1, c.masked().address().bytes())).isEqualTo(network);
        byte[] probe = new byte[bits / 8];
        r.nextBytes(probe);
        BigInteger p = new BigInteger(1, probe);
        assertThat(c.contains(IpAddress.ofBytes(probe))).isEqualTo(p.andNot(hostMask).equals(network));
        assertThat(c.contains(c.masked())).isTrue();
      }
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
    }
  }
}
