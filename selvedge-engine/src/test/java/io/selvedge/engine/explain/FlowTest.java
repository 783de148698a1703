package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
