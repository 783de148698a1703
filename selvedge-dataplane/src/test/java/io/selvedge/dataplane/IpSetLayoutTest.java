package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSetKey;
import io.selvedge.nft.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpSetLayoutTest {

    private static final IpSetKey V4 = new IpSetKey("s:abc", IpFamily.V4);
    private static final IpSetKey V6 = new IpSetKey("s:abc", IpFamily.V6);

    private static long[] hist(int bits, int... lengthCount) {
        long[] h = new long[bits + 1];
        for (int i = 0; i < lengthCount.length; i += 2) {
            h[lengthCount[i]] = lengthCount[i + 1];
        }
        return h;
    }

    @Test
    void smallSetsKeepOneHashSetPerLengthLongestFirst() {
        IpSetLayout l = IpSetLayout.plan(V4, hist(32, 32, 1, 24, 1, 26, 1), 0.25);
        assertThat(l.stored()).extracting(IpSetLayout.StoredLength::length).containsExactly(32, 26, 24);
        assertThat(l.stored()).extracting(IpSetLayout.StoredLength::setName).containsExactly("s-abc-4-32", "s-abc-4-26", "s-abc-4-24");
        assertThat(l.stored()).allSatisfy(s -> assertThat(s.sizeLog2()).isEqualTo(10));
        assertThat(IpSetLayout.plan(V4, hist(32), 0.25).isEmpty()).isTrue();
    }

    /** The benchmark's deny-list shape: /24 pivot, /22 folded into it, /27 /29 /32 behind the gate. */
    @Test
    void bigIpv4SetsGetAGateThatSavesLookups() {
        long[] h = hist(32, 32, 495_786, 29, 20_682, 27, 20_821, 24, 273_039, 22, 21_578);
        IpSetLayout l = IpSetLayout.plan(V4, h, 0, 65_536);
        assertThat(l.stored()).extracting(IpSetLayout.StoredLength::length).containsExactly(32, 29, 27, 24, 22);
        IpSetLayout.Gate g = l.gate();
        assertThat(g.pivot()).isEqualTo(24);
        assertThat(g.folded()).containsExactly(24, 22);
        assertThat(g.separate()).isEmpty();
        assertThat(g.gated()).containsExactly(32, 29, 27);
        assertThat(g.coveredSources()).containsExactly(22, 24);
        assertThat(g.gatedSources()).containsExactly(27, 29, 32);
        assertThat(g.coveredKeys()).isEqualTo(273_039 + 4L * 21_578);
        assertThat(g.maxGateKeys()).isEqualTo(495_786 + 20_682 + 20_821);
        assertThat(g.coveredSet()).isEqualTo("s-abc-4-c24.k20");
        assertThat(g.gateSet()).isEqualTo("s-abc-4-g24.k21");
        // below the threshold, and where it saves no lookup: none
        assertThat(IpSetLayout.plan(V4, h, 0, 2_000_000).gate()).isNull();
        assertThat(IpSetLayout.plan(V4, h, 0).gate()).isNull();
        assertThat(IpSetLayout.plan(V4, hist(32, 32, 100_000, 28, 100_000, 24, 100_000), 0, 1).gate()).isNull();
    }

    /** IPv6: a pivot at /64 or shorter, every longer length behind the gate. */
    @Test
    void ipv6GatesPivotAtMost64() {
        IpSetLayout.Gate g = IpSetLayout.plan(V6, hist(128, 128, 100_000, 64, 100_000, 56, 1000, 48, 1000), 0, 1).gate();
        assertThat(g.pivot()).isEqualTo(48);
        assertThat(g.gated()).containsExactly(128, 64, 56);
        assertThat(g.gateSet()).isEqualTo("s-abc-6-g48.k19");
        // lengths only above /64: no pivot
        assertThat(IpSetLayout.plan(V6, hist(128, 128, 1000, 120, 1000, 112, 1000, 96, 1000), 0, 1).gate()).isNull();
    }

    /** Lengths far below the pivot keep their own lookups; a covered set without folding is the pivot's own set. */
    @Test
    void gateKeepsShortLengthsSeparate() {
        IpSetLayout l = IpSetLayout.plan(V4, hist(32, 32, 1000, 31, 1000, 30, 1000, 27, 1000, 16, 50, 12, 20), 0, 1);
        IpSetLayout.Gate g = l.gate();
        // /16: 1 separate + 2 + 4 gated x 4000/65536; /27 would cost 2 separate + 2 + 3 x almost 0
        assertThat(g.pivot()).isEqualTo(16);
        assertThat(g.folded()).containsExactly(16);
        assertThat(g.coveredSet()).isEqualTo("s-abc-4-16");
        assertThat(g.separate()).containsExactly(12);
        assertThat(g.gated()).containsExactly(32, 31, 30, 27);
        // three lengths: a gate would not save a lookup
        assertThat(IpSetLayout.plan(V4, hist(32, 32, 1000, 24, 1000, 16, 1000), 0, 1).gate()).isNull();
    }

    /** A sparse length is folded into the next longer one while the budget allows (cheapest first). */
    @Test
    void controlledPrefixExpansionFoldsSparseLengths() {
        // 1000 /32, 1000 /24, 10 /31 (+10 elements), 5 /30 (+15 into /31... or /32)
        IpSetLayout l = IpSetLayout.plan(V4, hist(32, 32, 1000, 31, 10, 30, 5, 24, 1000), 0.25);
        assertThat(l.stored()).extracting(IpSetLayout.StoredLength::length).containsExactly(32, 24);
        IpSetLayout.StoredLength s32 = l.stored().get(0);
        assertThat(s32.sources()).containsExactly(30, 31, 32);
        assertThat(s32.elements()).isEqualTo(1000 + 20 + 20);
        assertThat(s32.sizeLog2()).isEqualTo(12);   // 2 x 1040 -> 4096
        assertThat(s32.setName()).isEqualTo("s-abc-4-32.k12");
        // budget 0: nothing folds
        assertThat(IpSetLayout.plan(V4, hist(32, 32, 1000, 31, 10, 30, 5, 24, 1000), 0).stored()).hasSize(4);
        // a /0 member matches everything
        assertThat(IpSetLayout.plan(V6, hist(128, 0, 1, 64, 3), 0).matchesEverything()).isTrue();
    }

    @Test
    void sizesArePowersOfTwoAtLeastTwiceTheElements() {
        assertThat(IpSetLayout.sizeLog2(0)).isEqualTo(10);
        assertThat(IpSetLayout.sizeLog2(512)).isEqualTo(10);
        assertThat(IpSetLayout.sizeLog2(513)).isEqualTo(11);
        assertThat(IpSetLayout.sizeLog2(1_000_000)).isEqualTo(21);
    }

    /** Expansion of a member into addresses of a longer length, checked against BigInteger arithmetic. */
    @Test
    void expandsMembersToTheStoredLength() {
        Random rnd = new Random(5);
        for (int t = 0; t < 2000; t++) {
            IpFamily f = rnd.nextBoolean() ? IpFamily.V4 : IpFamily.V6;
            int bits = f.bits();
            int length = rnd.nextInt(bits + 1);
            int stored = Math.min(bits, length + rnd.nextInt(7));
            Cidr c = Cidr.of(f, rnd.nextLong(), rnd.nextLong(), length);
            List<Value> out = new ArrayList<>();
            TransactionPlanner.expand(f, c.hi(), c.lo(), length, stored, out);
            assertThat(out).hasSize(1 << (stored - length));
            BigInteger base = toBig(c);
            for (int i = 0; i < out.size(); i++) {
                BigInteger want = base.add(BigInteger.valueOf(i).shiftLeft(bits - stored));
                String text = f == IpFamily.V4 ? Cidr.of(f, want.shiftLeft(32).longValue(), 0, 32).addressText()
                        : Cidr.of(f, want.shiftRight(64).longValue(), want.longValue(), 128).addressText();
                assertThat(out.get(i).render()).as("%s to /%d #%d", c, stored, i).isEqualTo(text);
            }
        }
    }

    private static BigInteger toBig(Cidr c) {
        if (c.family() == IpFamily.V4) {
            return BigInteger.valueOf(c.hi() >>> 32);
        }
        return new BigInteger(Long.toUnsignedString(c.hi())).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(c.lo())));
    }
}
