package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.IpPrefix;
import io.selvedge.nft.ScriptText;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SetDigestTest {

    /** The reference vector of SipHash-2-4 (key 00..0f, message 00..0f), from the SipHash paper's test vectors. */
    @Test
    void sipHashMatchesTheReferenceVector() {
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        assertThat(SetDigest.sipHash24(k0, k1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L)).isEqualTo(0x3f2acc7f57c29bdbL);
    }

    @Test
    void theDigestIsOrderFreeFollowsAddsAndRemovesAndSurvivesItsComment() {
        SetDigest a = SetDigest.fresh(new Random(1));
        SetDigest b = a.emptyWithSameKey();
        for (int i = 0; i < 1000; i++) {
            a.add(IpPrefix.parse("10.0." + (i / 256) + "." + (i % 256)));
        }
        for (int i = 999; i >= 0; i--) {
            b.add(IpPrefix.parse("10.0." + (i / 256) + "." + (i % 256)));
        }
        assertThat(a.sameAs(b)).isTrue();
        SetDigest c = a.copy();
        c.remove(IpPrefix.parse("10.0.0.7"));
        c.add(IpPrefix.parse("10.9.0.7"));
        assertThat(c.count()).isEqualTo(1000);
        assertThat(c.sameAs(a)).isFalse();
        c.remove(IpPrefix.parse("10.9.0.7"));
        c.add(IpPrefix.parse("10.0.0.7"));
        assertThat(c.sameAs(a)).isTrue();

        String comment = a.comment();
        assertThat(comment.getBytes(StandardCharsets.US_ASCII).length).isLessThanOrEqualTo(ScriptText.MAX_COMMENT_BYTES);
        assertThat(ScriptText.comment(comment)).isEqualTo(comment);
        assertThat(SetDigest.parse(comment).orElseThrow().sameAs(a)).isTrue();
        // another key sees another sum for the same content
        SetDigest other = SetDigest.fresh(new Random(2));
        for (int i = 0; i < 1000; i++) {
            other.add(IpPrefix.parse("10.0." + (i / 256) + "." + (i % 256)));
        }
        assertThat(other.sameAs(a)).isFalse();
        assertThat(a.toString()).doesNotContain(comment.substring(comment.indexOf("k=") + 2, comment.indexOf("k=") + 10));
    }

    @Test
    void anythingButARecordParsesToNothing() {
        assertThat(SetDigest.parse("")).isEmpty();
        assertThat(SetDigest.parse("TIER/gnp/x ingress[0]")).isEmpty();
        assertThat(SetDigest.parse("selvedge set digest v1 k=00 s=00 n=1")).isEmpty();
        assertThat(SetDigest.parse("selvedge set digest v2 k=0000000000000000000000000000000 s=0000000000000000 n=1")).isEmpty();
        assertThat(SetDigest.isRecordChain(SetDigest.chainName("s-x-4-32"))).isTrue();
        assertThat(SetDigest.isRecordChain("pi4-gnp/digest-x")).isFalse();
    }
}
