package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenarios of {@link FakeNftConformanceTest}, against real nft in one namespace. */
@ExtendWith(NetnsLeftovers.class)
class NftConformanceIT {

    private static Netns ns;
    private static ExecNft nft;

    @BeforeAll
    static void start() {
        ns = Netns.create();
        nft = ExecNft.inNamespace(ns.name);
    }

    @AfterAll
    static void stop() {
        if (ns != null) {
            ns.close();
        }
    }

    static List<ConformanceScenarios.Scenario> scenarios() {
        return ConformanceScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void nftBehavesAsRecorded(ConformanceScenarios.Scenario scenario) {
        Table t = ConformanceScenarios.T;
        if (nft.hasTable(t)) {
            nft.run(new Transaction().delete(t));
        }
        nft.run(ConformanceScenarios.setup());
        List<String> chains = nft.listChains(t);
        List<String> sets = nft.listSets(t);
        List<RuleInfo> rules = nft.listRules(t, "d");
        Transaction tx = new Transaction();
        scenario.tx().accept(tx);
        if (scenario.expected() == ConformanceScenarios.Outcome.OK) {
            nft.run(tx);
            return;
        }
        NftException e = catchThrowableOfType(() -> nft.run(tx), NftException.class);
        assertThat(e).as("nft accepted it; expected %s", scenario.expected()).isNotNull();
        assertThat(e.kind().name()).as(e.getMessage() + "\n" + e.stderr()).isEqualTo(scenario.expected().name());
        assertThat(nft.listChains(t)).isEqualTo(chains);
        assertThat(nft.listSets(t)).isEqualTo(sets);
        assertThat(nft.listRules(t, "d")).isEqualTo(rules);
    }

    @org.junit.jupiter.api.Test
    void sizeChangeTakesEffectAfterCommit() {
        if (nft.hasTable(ConformanceScenarios.T)) {
            nft.run(new Transaction().delete(ConformanceScenarios.T));
        }
        nft.run(ConformanceScenarios.setup());
        ConformanceScenarios.sizeChangeTakesEffectAfterCommit(nft);
    }
}
