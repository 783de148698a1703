package io.selvedge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatchStallDetectorTest {

    @Test
    void behindTwiceAtTheSameRevisionIsAStall() {
        WatchStallDetector d = new WatchStallDetector();
        assertThat(d.stalled(10, 2)).isFalse();
        assertThat(d.stalled(10, 2)).isTrue();
        assertThat(d.stalled(10, 2)).as("starts over after a verdict").isFalse();
        assertThat(d.stalled(10, 2)).isTrue();
    }

    @Test
    void movingOrUpToDateIsNoStall() {
        WatchStallDetector d = new WatchStallDetector();
        assertThat(d.stalled(10, 2)).isFalse();
        assertThat(d.stalled(12, 1)).as("the kernel moved on").isFalse();
        assertThat(d.stalled(12, 0)).as("up to date").isFalse();
        assertThat(d.stalled(12, 3)).isFalse();
        assertThat(d.stalled(0, 5)).as("nothing programmed yet").isFalse();
        assertThat(d.stalled(0, 5)).isFalse();
    }
}
