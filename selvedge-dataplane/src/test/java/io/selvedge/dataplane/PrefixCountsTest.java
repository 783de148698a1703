package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefixCountsTest {

    /** Random increments and decrements over few keys (many reach 0 and come back) against a HashMap. */
    @Test
    void agreesWithAMapThroughGrowthAndRemovals() {
        Random rnd = new Random(7);
        PrefixCounts counts = new PrefixCounts();
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = (long) rnd.nextInt(i < 100_000 ? 5_000 : 300) << 40;
            int delta = rnd.nextBoolean() ? 1 : -1;
            counts.add(key, delta);
            expected.merge(key, delta, Integer::sum);
            expected.remove(key, 0);
        }
        assertThat(counts.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(counts.get(k)).as("key %x", k).isEqualTo(v));
        Set<Long> keys = new HashSet<>();
        counts.forEachKey(keys::add);
        assertThat(keys).isEqualTo(expected.keySet());
        assertThat(counts.get(123L << 40)).isEqualTo(expected.getOrDefault(123L << 40, 0));
    }
}
