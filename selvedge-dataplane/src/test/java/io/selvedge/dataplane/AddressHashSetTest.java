package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressHashSetTest {

    private record Value(long hi, long lo) {}

    /** Random adds and removes over a small value space (so runs collide and removals shift them). */
    @Test
    void behavesAsAHashSetOfPairs() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            AddressHashSet set = new AddressHashSet(r.nextInt(20));
            Set<Value> model = new HashSet<>();
            int space = 8 + r.nextInt(2000);
            for (int step = 0; step < 20_000; step++) {
                Value v = value(r, space);
                if (r.nextInt(3) == 0) {
                    assertThat(set.remove(v.hi(), v.lo())).as("seed %d step %d remove %s", seed, step, v).isEqualTo(model.remove(v));
                } else {
                    assertThat(set.add(v.hi(), v.lo())).as("seed %d step %d add %s", seed, step, v).isEqualTo(model.add(v));
                }
                Value probe = value(r, space);
                assertThat(set.contains(probe.hi(), probe.lo())).isEqualTo(model.contains(probe));
                assertThat(set.size()).isEqualTo(model.size());
            }
            Set<Value> seen = new HashSet<>();
            set.forEach((hi, lo) -> assertThat(seen.add(new Value(hi, lo))).isTrue());
            assertThat(seen).isEqualTo(model);
            for (Value v : List.copyOf(model)) {
                assertThat(set.remove(v.hi(), v.lo())).isTrue();
            }
            assertThat(set.isEmpty()).isTrue();
        }
    }

    @Test
    void theAllZeroValueIsAMemberLikeAnyOther() {
        AddressHashSet set = new AddressHashSet();
        assertThat(set.contains(0, 0)).isFalse();
        assertThat(set.add(0, 0)).isTrue();
        assertThat(set.add(0, 0)).isFalse();
        assertThat(set.add(1L << 32, 0)).isTrue();
        assertThat(set.size()).isEqualTo(2);
        Set<Value> seen = new HashSet<>();
        set.forEach((hi, lo) -> seen.add(new Value(hi, lo)));
        assertThat(seen).containsExactlyInAnyOrder(new Value(0, 0), new Value(1L << 32, 0));
        assertThat(set.remove(0, 0)).isTrue();
        assertThat(set.contains(0, 0)).isFalse();
        assertThat(set.contains(1L << 32, 0)).isTrue();
        set.clear();
        assertThat(set.isEmpty()).isTrue();
    }

    /** IPv4-like values (lo = 0, hi's low half 0) and IPv6-like ones, including 0 in either half. */
    private static Value value(Random r, int space) {
        int k = r.nextInt(space);
        return switch (k % 3) {
            case 0 -> new Value((long) k << 32, 0);
            case 1 -> new Value(0, k);
            default -> new Value(k, (long) k * 31);
        };
    }
}
