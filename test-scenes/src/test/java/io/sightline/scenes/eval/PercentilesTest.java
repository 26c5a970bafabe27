package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void interpolatesBetweenClosestRanks() {
        // Sorted 1, 2, 3, 4, 10: p50 at position 4 * 0.5 = 2 -> 3; p95 at 3.8 -> 4 + 0.8 * 6 = 8.8;
        // p99 at 3.96 -> 4 + 0.96 * 6 = 9.76.
        Percentiles p = new Percentiles(List.of(10.0, 1.0, 3.0, 2.0, 4.0));
        assertThat(p.at(50).getAsDouble()).isEqualTo(3.0);
        assertThat(p.at(95).getAsDouble()).isCloseTo(8.8, within(1e-12));
        assertThat(p.at(99).getAsDouble()).isCloseTo(9.76, within(1e-12));
        assertThat(p.at(0).getAsDouble()).isEqualTo(1.0);
        assertThat(p.at(100).getAsDouble()).isEqualTo(10.0);
    }

    @Test
    void singleAndEmpty() {
        assertThat(new Percentiles(List.of(7.0)).at(99).getAsDouble()).isEqualTo(7.0);
        assertThat(new Percentiles(List.of()).at(50)).isEmpty();
        assertThatThrownBy(() -> new Percentiles(List.of(1.0)).at(101)).hasMessageContaining("101");
    }
}
