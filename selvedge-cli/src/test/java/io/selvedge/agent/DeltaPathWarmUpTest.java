package io.selvedge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.dataplane.FlushReport;
import org.junit.jupiter.api.Test;

/** The warm-up goes the way of a real big-set change: nets deltas, then member deltas into the syncer. */
class DeltaPathWarmUpTest {

    @Test
    void theWarmUpRunsTheDeltaPathOfABigSet() {
        FlushReport last = DeltaPathWarmUp.run(DataplaneConfig.defaults());
        assertThat(last.fullReplace()).isFalse();
        assertThat(last.elementsAdded()).isGreaterThanOrEqualTo(DeltaPathWarmUp.CHANGE / 2);
        assertThat(last.elementsRemoved()).isGreaterThanOrEqualTo(DeltaPathWarmUp.CHANGE / 2);
        assertThat(last.chainsReplaced()).as("member changes alone").isZero();
        assertThat(last.elements()).isGreaterThan(DataplaneConfig.GATE_MIN_ELEMENTS);
    }
}
