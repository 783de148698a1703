package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1|192.0.2.1",
        "192.0.2.1/32|192.0.2.1",
        "192.0.2.0/24|192.0.2.0/24",
        "0.0.0.0/0|0.0.0.0/0",
        "255.255.255.255|255.255.255.255",
        "2001:db8::1|2001:db8::1",
        "2001:DB8:0:0:0:0:0:1|2001:db8::1",
        "2001:db8::/32|2001:db8::/32",
        "::|::",
        "::/0|::/0",
        "::1|::1",
        "1::|1::",
        "2001:db8:0:1:0:0:0:0/64|2001:db8:0:1::/64",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1",        // longest run wins
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",  // first of equal runs
        "2001:db8:1:1:1:1:1:0|2001:db8:1:1:1:1:1:0", // a single zero group stays
        "::ffff:192.0.2.1|::ffff:c000:201",
        "64:ff9b::192.0.2.33|64:ff9b::c000:221",
    })
    void parsesAndRendersCanonically(String in, String out) {
        IpPrefix p = IpPrefix.parse(in);
        assertThat(p.render()).isEqualTo(out);
        assertThat(IpPrefix.parse(out)).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/01",
        "1.2.3.4/-1", " 1.2.3.4", "1.2.3.4 ", "localhost", "example.com", "1.2.3.4;drop", "::1/129", ":::", "1:::2",
        "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "::1%eth0", "1.2.3.4\n", "fe80::/10\"", "2001:db8::/32 }",
        ":1::", "1::2:", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3"})
    void rejects(String in) {
        assertThatThrownBy(() -> IpPrefix.parse(in)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostBitsAreRejectedNamingTheNetwork() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.1/24")).hasMessageContaining("use 10.0.0.0/24");
        assertThatThrownBy(() -> IpPrefix.parse("2001:db8::1/64")).hasMessageContaining("use 2001:db8::/64");
    }

    @Test
    void ofMasksHostBits() {
        assertThat(Ipv4Prefix.of(0xC0000201, 24).render()).isEqualTo("192.0.2.0/24");
        assertThat(Ipv6Prefix.of(0x20010db800000000L, 1, 64).render()).isEqualTo("2001:db8::/64");
        assertThat(IpPrefix.parse("10.1.2.3").truncate(8)).isEqualTo(IpPrefix.parse("10.0.0.0/8"));
    }

    @Test
    void rangesCoverTheBlock() {
        IpPrefix p = IpPrefix.parse("10.0.0.0/8");
        assertThat(p.firstLo()).isEqualTo(0x0A000000L);
        assertThat(p.lastLo()).isEqualTo(0x0AFFFFFFL);
        IpPrefix q = IpPrefix.parse("2001:db8::/32");
        assertThat(q.lastHi()).isEqualTo(0x20010db8FFFFFFFFL);
        assertThat(q.lastLo()).isEqualTo(-1L);
    }

    @Test
    void randomIpv6RoundTrips() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            long hi = r.nextBoolean() ? r.nextLong() : r.nextLong() & 0xFFFF0000FFFF0000L;
            long lo = r.nextBoolean() ? r.nextLong() : r.nextLong() & 0x0000FFFF0000FFFFL;
            int len = r.nextInt(129);
            Ipv6Prefix p = Ipv6Prefix.of(hi, lo, len);
            assertThat(IpPrefix.parse(p.render())).as("seed %d: %s", seed, p.render()).isEqualTo(p);
            Ipv4Prefix v4 = Ipv4Prefix.of(r.nextInt(), r.nextInt(33));
            assertThat(IpPrefix.parse(v4.render())).as("seed %d", seed).isEqualTo(v4);
        }
    }
}
