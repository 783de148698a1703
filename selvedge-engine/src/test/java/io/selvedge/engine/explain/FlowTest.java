package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import org.junit.jupiter.api.Test;

class FlowTest {
  @Test
  void factoriesAndText() {
    assertThat(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80)).hasToString("TCP 10.0.0.1:40000 -> 10.0.0.2:80 (new)");
    assertThat(Flow.udp("fd00::1", 5353, "fd00::2", 53).withEstablished(true))
        .hasToString("UDP [fd00::1]:5353 -> [fd00::2]:53 (established)");
    Flow ping6 = Flow.icmp("fd00::1", "fd00::2", 128, 0);
    assertThat(ping6.protocol()).isEqualTo(Flow.ICMPV6);
    assertThat(ping6.isIcmp()).isTrue();
    assertThat(ping6.family()).isEqualTo(IpFamily.V6);
    assertThat(ping6).hasToString("ICMPv6 fd00::1 -> fd00::2 type 128 code 0 (new)");
    assertThat(Flow.of("10.0.0.1", "10.0.0.2", 112)).hasToString("112 10.0.0.1 -> 10.0.0.2 (new)");
    assertThat(Flow.of("10.0.0.1", "10.0.0.2", 136).hasPorts()).isFalse();
  }

  @Test
  void rejectsWhatIsNotAPacket() {
    assertThatThrownBy(() -> Flow.of("10.0.0.0/8", "10.0.0.2", 6)).hasMessageContaining("network");
    assertThatThrownBy(() -> Flow.of("10.0.0.1", "fd00::1", 6)).hasMessageContaining("mixes");
    assertThatThrownBy(() -> Flow.of("10.0.0.1", "10.0.0.2", 256)).hasMessageContaining("protocol");
    assertThatThrownBy(() -> Flow.tcp("10.0.0.1", 70000, "10.0.0.2", 1)).hasMessageContaining("port");
    assertThatThrownBy(() -> Flow.of("10.0.0.1", "10.0.0.2", 1).withIcmp(256, 0)).hasMessageContaining("ICMP");
  }

  @Test
  void addressesAreHeldAsBitsAndGivenBackAsHostPrefixes() {
    Flow v4 = Flow.tcp("10.1.2.3", 40000, "192.0.2.7", 443);
    assertThat(v4.srcHi()).isEqualTo(0x0A01_0203L << 32);
    assertThat(v4.srcLo()).isZero();
    assertThat(v4.src()).isEqualTo(Cidr.parse("10.1.2.3/32"));
    assertThat(v4.dst()).isEqualTo(Cidr.parse("192.0.2.7/32"));
    Flow v6 = Flow.udp("2001:db8::1", 5353, "2001:db8::2:0:0:0:9", 53);
    assertThat(v6.dst()).isEqualTo(Cidr.parse("2001:db8::2:0:0:0:9/128"));
    assertThat(v6.dstLo()).isEqualTo(9L);
    // The Cidr constructor and the bits are one flow: equal, same hash.
    Flow fromBits = new Flow(IpFamily.V4, v4.srcHi(), 0, v4.dstHi(), 0, Flow.TCP, 40000, 443, -1, -1, false, null,
        null);
    assertThat(fromBits).isEqualTo(v4).hasSameHashCodeAs(v4);
    assertThat(v4.via("eth0", null).withEstablished(true).src()).isEqualTo(v4.src());
  }

  @Test
  void rejectsIpv4BitsOutsideTheAddress() {
    long a = 0x0A00_0001L << 32;
    assertThatThrownBy(() -> new Flow(IpFamily.V4, a | 1, 0, a, 0, Flow.TCP, 1, 2, -1, -1, false, null, null))
        .hasMessageContaining("top 32 bits");
    assertThatThrownBy(() -> new Flow(IpFamily.V4, a, 0, a, 5, Flow.TCP, 1, 2, -1, -1, false, null, null))
        .hasMessageContaining("top 32 bits");
    assertThatThrownBy(() -> new Flow(null, a, 0, a, 0, Flow.TCP, 1, 2, -1, -1, false, null, null))
        .hasMessageContaining("family");
  }
}
