package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import org.junit.jupiter.api.Test;

class FailsafePortTest {
  @Test
  void parsesFelixPortListSyntax() {
    assertThat(FailsafePort.parseList("22, udp:68, TCP:10.0.0.0/8:179, udp:[fd00::/8]:53"))
        .containsExactly(new FailsafePort(6, null, 22), new FailsafePort(17, null, 68),
            new FailsafePort(6, Cidr.parse("10.0.0.0/8"), 179), new FailsafePort(17, Cidr.parse("fd00::/8"), 53));
    assertThat(FailsafePort.parseList("none")).isEmpty();
    assertThat(FailsafePort.parseList("")).isEmpty();
    assertThat(FailsafePort.parse("udp:[fd00::/8]:53")).hasToString("udp:[fd00::/8]:53");
    assertThat(FailsafePort.parse("tcp:10.0.0.0/8:179")).hasToString("tcp:10.0.0.0/8:179");
  }

  @Test
  void defaultsAreFelixDefaults() {
    assertThat(FailsafePort.DEFAULT_INBOUND).extracting(FailsafePort::toString).containsExactly("tcp:22", "udp:68",
        "tcp:179", "tcp:2379", "tcp:2380", "tcp:5473", "tcp:6443", "tcp:6666", "tcp:6667");
    assertThat(FailsafePort.DEFAULT_OUTBOUND).extracting(FailsafePort::toString).containsExactly("udp:53", "udp:67",
        "tcp:179", "tcp:2379", "tcp:2380", "tcp:5473", "tcp:6443", "tcp:6666", "tcp:6667");
  }

  @Test
  void rejectsBadEntries() {
    assertThatThrownBy(() -> FailsafePort.parse("sctp:22")).hasMessageContaining("tcp or udp");
    assertThatThrownBy(() -> FailsafePort.parse("tcp:ssh")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> FailsafePort.parse("tcp:70000")).hasMessageContaining("0-65535");
    assertThatThrownBy(() -> FailsafePort.parse("tcp:[fd00::/8]53")).hasMessageContaining("[net]");
    assertThatThrownBy(() -> FailsafePort.parse("tcp:10.0.0.300/8:22")).hasMessageContaining("10.0.0.300");
  }

  @Test
  void matchesProtocolPortAndNetOfTheSameFamily() {
    FailsafePort p = FailsafePort.parse("tcp:10.0.0.0/8:22");
    Cidr in = Cidr.parse("10.1.2.3");
    Cidr out = Cidr.parse("11.1.2.3");
    assertThat(p.matches(6, 22, IpFamily.V4, in.hi(), in.lo())).isTrue();
    assertThat(p.matches(6, 22, IpFamily.V4, out.hi(), out.lo())).isFalse();
    assertThat(p.matches(17, 22, IpFamily.V4, in.hi(), in.lo())).isFalse();
    assertThat(p.matches(6, 23, IpFamily.V4, in.hi(), in.lo())).isFalse();
    Cidr v6 = Cidr.parse("fd00::1");
    assertThat(p.matches(6, 22, IpFamily.V6, v6.hi(), v6.lo())).isFalse();
    assertThat(FailsafePort.parse("tcp:22").matches(6, 22, IpFamily.V6, v6.hi(), v6.lo())).isTrue();
  }
}
