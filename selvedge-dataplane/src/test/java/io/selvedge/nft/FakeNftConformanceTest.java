package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@link ConformanceScenarios} against FakeNft; {@link NftConformanceIT} runs them against nft. */
class FakeNftConformanceTest {

    static List<ConformanceScenarios.Scenario> scenarios() {
        return ConformanceScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void behavesLikeNft(ConformanceScenarios.Scenario scenario) {
        FakeNft nft = new FakeNft();
        nft.run(ConformanceScenarios.setup());
        String before = nft.dump();
        Transaction tx = new Transaction();
        scenario.tx().accept(tx);
        if (scenario.expected() == ConformanceScenarios.Outcome.OK) {
            nft.run(tx);
            return;
        }
        NftException e = catchThrowableOfType(() -> nft.run(tx), NftException.class);
        assertThat(e).as("expected %s", scenario.expected()).isNotNull();
        assertThat(e.kind().name()).as(e.getMessage()).isEqualTo(scenario.expected().name());
        assertThat(nft.dump()).as("a failed transaction changes nothing").isEqualTo(before);
        assertThat(e.failingLine()).isPresent();
    }

    @org.junit.jupiter.api.Test
    void sizeChangeTakesEffectAfterCommit() {
        FakeNft nft = new FakeNft();
        nft.run(ConformanceScenarios.setup());
        ConformanceScenarios.sizeChangeTakesEffectAfterCommit(nft);
    }
}
