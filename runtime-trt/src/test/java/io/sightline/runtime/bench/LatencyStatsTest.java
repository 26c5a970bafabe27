package io.sightline.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankPercentilesOfOneToHundredMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> (101 - ms) * 1_000_000).toArray();
        LatencyStats s = LatencyStats.of(nanos);
        assertThat(s.samples()).isEqualTo(100);
        assertThat(s.p50Ms()).isEqualTo(50.0);
        assertThat(s.p99Ms()).isEqualTo(99.0);
        assertThat(s.meanMs()).isEqualTo(50.5);
        assertThat(s.maxMs()).isEqualTo(100.0);
        assertThat(s.throughputPerSecond()).isCloseTo(1000 / 50.5, within(1e-9));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyStats s = LatencyStats.of(new long[] {3_000_000});
        assertThat(s.p50Ms()).isEqualTo(3.0);
        assertThat(s.p99Ms()).isEqualTo(3.0);
        assertThat(s.maxMs()).isEqualTo(3.0);
    }

    @Test
    void noSamplesAreNoNumbers() {
        LatencyStats s = LatencyStats.of(new long[0]);
        assertThat(s.samples()).isZero();
        assertThat(s.p50Ms()).isNaN();
        assertThat(s.p99Ms()).isNaN();
        assertThat(s.meanMs()).isNaN();
        assertThat(s.maxMs()).isNaN();
    }

    @Test
    void doesNotReorderTheCallersSamples() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000};
        LatencyStats.of(nanos);
        assertThat(nanos).containsExactly(5_000_000, 1_000_000, 3_000_000);
    }
}
