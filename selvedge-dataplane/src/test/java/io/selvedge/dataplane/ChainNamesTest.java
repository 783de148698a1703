package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.nft.ScriptText;
import org.junit.jupiter.api.Test;

class ChainNamesTest {

    @Test
    void namesReadLikeCalicos() {
        assertThat(ChainNames.policy(PolicyId.global("allow-web"), Direction.INGRESS, IpFamily.V4)).isEqualTo("pi4-gnp/allow-web");
        assertThat(ChainNames.policy(PolicyId.namespaced("prod", "x.y"), Direction.EGRESS, IpFamily.V6)).isEqualTo("po6-np/prod/x.y");
        assertThat(ChainNames.profile(new ProfileId("kns.prod"), Direction.INGRESS, IpFamily.V4)).isEqualTo("pri4-kns.prod");
        assertThat(ChainNames.workload("cali1234", Direction.INGRESS)).isEqualTo("tw-cali1234");
        assertThat(ChainNames.host(EndpointId.host("node1-eth0"), PolicyClass.FORWARD, Direction.EGRESS)).isEqualTo("thfw-node1-eth0");
        assertThat(ChainNames.ipSet(new IpSetKey("s:AbC-_d", IpFamily.V6), 64, 10)).isEqualTo("s-AbC-_d-6-64");
        assertThat(ChainNames.ipSet(new IpSetKey("s:AbC-_d", IpFamily.V4), 32, 17)).isEqualTo("s-AbC-_d-4-32.k17");
    }

    /** User text that is not a valid identifier, too long, or could collide with a block chain is hashed. */
    @Test
    void hostileOrCollidingNamesAreHashed() {
        String evil = ChainNames.host(EndpointId.host("x; flush ruleset"), PolicyClass.NORMAL, Direction.INGRESS);
        assertThat(evil).matches("fh-_[0-9a-f]{24}");
        assertThat(ChainNames.policy(PolicyId.global("a".repeat(300)), Direction.INGRESS, IpFamily.V4)).matches("pi4-_[0-9a-f]{24}");
        assertThat(ChainNames.policy(PolicyId.global("p_r0_0"), Direction.INGRESS, IpFamily.V4)).matches("pi4-_[0-9a-f]{24}");
        assertThat(ChainNames.workload("eth_1", Direction.EGRESS)).isEqualTo("fw-eth_1");
        assertThat(ScriptText.isIdentifier(ChainNames.ipSet(new IpSetKey("weird id!", IpFamily.V4), 24, 10))).isTrue();
    }
}
