package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.pipeline.StageTimings;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
    private static StageTimings total(long nanos) {
        return new StageTimings(0, 0, nanos / 2, 0, 0, 0, nanos);
    }

    @Test
    void percentilesAndRateOverTheWindow() {
        AtomicLong now = new AtomicLong(0);
        ServiceMetrics m = new ServiceMetrics(now::get);
        // 100 frames, 100 ms apart (10 fps), totals 1..100 ms
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(100_000_000L);
            m.frame(total(i * 1_000_000L), 1000L * i, 2_000_000L * i, new ServiceMetrics.Drops(i / 10, 0), i % 7);
        }
        ServiceMetrics.Snapshot s = m.snapshot();

        assertThat(s.frames()).isEqualTo(100);
        assertThat(s.fps()).isCloseTo(10, within(0.5));
        assertThat(s.p50().totalNanos()).isEqualTo(50_000_000L);
        assertThat(s.p99().totalNanos()).isEqualTo(99_000_000L);
        assertThat(s.p50().encodeNanos()).isEqualTo(25_000_000L);
        assertThat(s.publishP50Nanos()).isEqualTo(50_000L);
        assertThat(s.frameAgeP50Nanos()).isEqualTo(100_000_000L);
        assertThat(s.dropped()).isEqualTo(10);
        assertThat(s.lastObjects()).isEqualTo(100 % 7);
        assertThat(s.uptimeNanos()).isEqualTo(10_000_000_000L);
    }

    @Test
    void rateFallsToZeroWhenFramesStop() {
        AtomicLong now = new AtomicLong(0);
        ServiceMetrics m = new ServiceMetrics(now::get);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(100_000_000L);
            m.frame(total(1_000_000), 0, 0, new ServiceMetrics.Drops(0, 0), 1);
        }
        assertThat(m.snapshot().fps()).isGreaterThan(5);
        now.addAndGet(ServiceMetrics.FPS_WINDOW_NANOS + 1);
        assertThat(m.snapshot().fps()).isZero();
        assertThat(m.snapshot().frames()).isEqualTo(20);
    }

    @Test
    void emptyWindowGivesZeros() {
        ServiceMetrics.Snapshot s = new ServiceMetrics().snapshot();
        assertThat(s.fps()).isZero();
        assertThat(s.p50().totalNanos()).isZero();
        assertThat(s.frames()).isZero();
    }

    @Test
    void windowKeepsOnlyTheLatestFrames() {
        AtomicLong now = new AtomicLong(0);
        ServiceMetrics m = new ServiceMetrics(now::get);
        for (int i = 0; i < ServiceMetrics.WINDOW; i++) {
            m.frame(total(1_000_000_000L), 0, 0, new ServiceMetrics.Drops(0, 0), 0);
        }
        for (int i = 0; i < ServiceMetrics.WINDOW; i++) {
            m.frame(total(1_000_000L), 0, 0, new ServiceMetrics.Drops(0, 0), 0);
        }
        assertThat(m.snapshot().p99().totalNanos()).as("the slow frames left the window").isEqualTo(1_000_000L);
    }

    @Test
    void histogramsCountEveryFrameSinceStartInCumulativeBuckets() {
        ServiceMetrics m = new ServiceMetrics(new AtomicLong()::get);
        // 300 frames (more than the percentile window): totals of 1, 3 and 700 ms, 100 each
        long[] totals = {1_000_000L, 3_000_000L, 700_000_000L};
        for (int i = 0; i < 300; i++) {
            m.frame(total(totals[i % 3]), 0, 0, new ServiceMetrics.Drops(i, 2), 0);
        }
        ServiceMetrics.Histogram total = m.histograms().stream().filter(h -> h.stage().equals("total")).findFirst().orElseThrow();
        ServiceMetrics.Histogram decode = m.histograms().stream().filter(h -> h.stage().equals("decode")).findFirst().orElseThrow();

        assertThat(total.count()).isEqualTo(300);
        assertThat(total.sumNanos()).isEqualTo(100 * (1_000_000L + 3_000_000L + 700_000_000L));
        long[] b = total.boundsNanos();
        long[] c = total.cumulativeCounts();
        assertThat(c).hasSize(b.length + 1);
        for (int k = 0; k < b.length; k++) {
            long expected = 0;
            for (long t : totals) {
                expected += t <= b[k] ? 100 : 0;
            }
            assertThat(c[k]).as("bucket le %d ns", b[k]).isEqualTo(expected);
        }
        assertThat(c[b.length]).isEqualTo(300);
        assertThat(decode.count()).as("decode did not run on these frames").isZero();
        assertThat(m.drops()).isEqualTo(new ServiceMetrics.Drops(299, 2));
        assertThat(m.snapshot().dropped()).isEqualTo(301);
    }
}
