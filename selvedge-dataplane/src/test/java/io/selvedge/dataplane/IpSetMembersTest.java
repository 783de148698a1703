package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSet;
import io.selvedge.engine.IpSetKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpSetMembersTest {

    private static final IpSetKey K = new IpSetKey("s:x", IpFamily.V4);

    private static IpSet set(String... cidrs) {
        return IpSet.ofNets(K, DisjointCidrs.of(IpFamily.V4, List.of(cidrs).stream().map(Cidr::parse).toList()));
    }

    private static Set<String> logged(IpSetMembers m, boolean added) {
        Set<String> out = new HashSet<>();
        for (int l = 0; l <= 32; l++) {
            final int len = l;
            io.selvedge.nft.AddressVisitor v = (hi, lo) -> out.add(Cidr.of(IpFamily.V4, hi, lo, len).toString());
            if (added) {
                m.forEachAdded(l, v);
            } else {
                m.forEachRemoved(l, v);
            }
        }
        return out;
    }

    @Test
    void logsTheNetChangeSinceTheLastCommit() {
        IpSetMembers m = IpSetMembers.of(set("10.0.0.1/32", "10.0.1.0/24"));
        assertThat(m.isReset()).isTrue();
        m.commit();
        assertThat(m.changed()).isFalse();
        m.apply(List.of(Cidr.parse("10.0.0.1/32")), List.of(Cidr.parse("10.0.2.0/23")));
        m.apply(List.of(Cidr.parse("10.0.2.0/23")), List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("10.9.0.0/16")));
        assertThat(logged(m, true)).containsExactly("10.9.0.0/16");
        assertThat(logged(m, false)).isEmpty();
        m.replace(set("10.0.1.0/24", "10.9.0.0/16", "10.8.0.0/16"));
        assertThat(logged(m, true)).containsExactlyInAnyOrder("10.9.0.0/16", "10.8.0.0/16");
        assertThat(logged(m, false)).containsExactly("10.0.0.1/32");
        assertThat(m.histogram()[16]).isEqualTo(2);
        assertThat(m.histogram()[24]).isEqualTo(1);
        assertThat(m.histogram()[32]).isZero();
        assertThatThrownBy(() -> m.apply(List.of(Cidr.parse("10.0.0.1/32")), List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addressHashSetAgreesWithAHashSet() {
        Random rnd = new Random(3);
        AddressHashSet a = new AddressHashSet();
        Set<List<Long>> b = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long hi = rnd.nextInt(5000);
            long lo = rnd.nextInt(3);
            if (rnd.nextInt(3) == 0) {
                assertThat(a.remove(hi, lo)).isEqualTo(b.remove(List.of(hi, lo)));
            } else {
                assertThat(a.add(hi, lo)).isEqualTo(b.add(List.of(hi, lo)));
            }
            assertThat(a.size()).isEqualTo(b.size());
        }
        List<List<Long>> seen = new ArrayList<>();
        a.forEach((hi, lo) -> seen.add(List.of(hi, lo)));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(b);
    }
}
