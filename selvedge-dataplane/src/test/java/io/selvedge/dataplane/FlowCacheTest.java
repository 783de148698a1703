package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.dataplane.SyncerTest.RecordingNft;
import io.selvedge.engine.DesiredState;
import io.selvedge.nft.Rule;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The flow cache's rules and the generation the {@link Syncer} gives them (real packets: {@code GotchasIT}). */
class FlowCacheTest {

    private static final MarkBits MARKS = MarkBits.fromMask(0xFFFF_0000L);
    private static final Renderer RENDERER = new Renderer(DataplaneConfig.defaults());

    /** A syncer of {@code nft} that has programmed the guide's state once. */
    private static Syncer programmedGuide(RecordingNft nft) {
        Syncer s = new Syncer(nft, RENDERER);
        s.setDesiredState(States.guide());
        s.flush();
        return s;
    }

    @Test
    void masksAreOneRunOfAtLeastEightBits() {
        for (long bad : new long[] {0xF0F0_0000L, 0x7FL, 0x1_0000_0000L, 0xFF00_00FFL}) {
            assertThatThrownBy(() -> new FlowCache(bad, MARKS)).as("0x%x", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new FlowCache(0, MARKS).enabled()).isFalse();
        assertThat(new FlowCache(0xFF00L, MARKS).maxGeneration()).isEqualTo(255);
        assertThat(new FlowCache(DataplaneConfig.FLOW_CACHE_MASK, MARKS).maxGeneration()).isEqualTo((1L << 24) - 1);
        assertThatThrownBy(() -> DataplaneConfig.defaults().withFlowCacheMask(0x0F0FL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generationsRunFromOneToTheMaximumAndRoundAgain() {
        FlowCache c = new FlowCache(0xFF00L, MARKS);
        assertThat(c.next(1)).isEqualTo(2);
        assertThat(c.next(255)).isEqualTo(1);
        assertThat(c.check(3)).isEqualTo("ct mark & 0xff00 == 0x300 counter accept");
        assertThat(c.store(255)).isEqualTo("ct state new meta mark & 0x40000 == 0 ct mark set ct mark & 0xffff00ff | 0xff00");
        assertThatThrownBy(() -> c.check(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.check(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FlowCache.parseRecord(FlowCache.record(77).comment().orElseThrow())).isEqualTo(OptionalLong.of(77));
        assertThat(FlowCache.parseRecord("selvedge flow cache generation x")).isEmpty();
    }

    @Test
    void everyTransactionCarriesTheNextGenerationAndNothingToSendKeepsIt() {
        RecordingNft nft = new RecordingNft();
        Renderer renderer = RENDERER;
        Syncer s = programmedGuide(nft);
        long first = s.flowGeneration();
        assertThat(first).isBetween(1L, renderer.flowCache().maxGeneration());
        assertThat(forwardRules(s)).contains(renderer.flowCache().check(first), renderer.flowCache().store(first));
        assertThat(nft.fake.dump()).contains("chain flow-generation # selvedge flow cache generation " + first);

        s.setDesiredState(States.guide());   // the same state again: nothing to send
        s.flush();
        assertThat(nft.all).hasSize(1);
        assertThat(s.flowGeneration()).isEqualTo(first);

        DesiredState changed = States.of("node1", States.guideExamples());   // the endpoints gone
        s.setDesiredState(changed);
        s.flush();
        assertThat(nft.all).hasSize(2);
        long second = renderer.flowCache().next(first);
        assertThat(s.flowGeneration()).isEqualTo(second);
        assertThat(forwardRules(s)).contains(renderer.flowCache().check(second), renderer.flowCache().store(second));
        assertThat(nft.fake.dump()).contains("chain flow-generation # selvedge flow cache generation " + second)
                .doesNotContain("generation " + first);
    }

    /** A restarted agent must not reuse a generation live flows may carry: it continues from the table's record. */
    @Test
    void aRestartContinuesFromTheRecordedGeneration() {
        RecordingNft nft = new RecordingNft();
        Syncer before = programmedGuide(nft);
        Syncer after = programmedGuide(nft);
        assertThat(after.flowGeneration()).isEqualTo(RENDERER.flowCache().next(before.flowGeneration()));
        assertThat(nft.fake.dump()).containsOnlyOnce("chain flow-generation");
    }

    @Test
    void noMaskNoCache() {
        RecordingNft nft = new RecordingNft();
        Syncer s = new Syncer(nft, new Renderer(DataplaneConfig.defaults().withFlowCacheMask(0)));
        s.setDesiredState(States.guide());
        s.flush();
        assertThat(nft.fake.dump()).doesNotContain("ct mark").doesNotContain("flow-generation");
        assertThat(s.flowGeneration()).isZero();
    }

    private static List<String> forwardRules(Syncer s) {
        return s.programmed().orElseThrow().chains().get(ChainNames.FILTER_FORWARD).rules().stream()
                .map(Rule::body).map(b -> String.join(" ", b.tokens())).toList();
    }
}
