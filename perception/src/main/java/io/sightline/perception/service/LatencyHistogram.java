package io.sightline.perception.service;

import java.util.Arrays;

/**
 * Cumulative counts of one stage's latencies since start, in fixed buckets (Prometheus' classic histogram: each
 * bucket counts the observations at or under its bound). Not thread-safe: {@link ServiceMetrics} guards it.
 */
final class LatencyHistogram {
    /** Bucket upper bounds: 0.5 ms to 2 s, covering a Jetty-class encoder (tens of ms) and a CPU decoder (seconds). */
    static final long[] BOUNDS_NANOS = {500_000L, 1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 20_000_000L,
        50_000_000L, 100_000_000L, 200_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L};

    private final long[] counts = new long[BOUNDS_NANOS.length + 1]; // the last one is +Inf
    private long count;
    private long sumNanos;

    void observe(long nanos) {
        int i = Arrays.binarySearch(BOUNDS_NANOS, nanos);
        counts[i >= 0 ? i : -i - 1]++;
        count++;
        sumNanos += nanos;
    }

    ServiceMetrics.Histogram snapshot(String stage) {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i];
            cumulative[i] = running;
        }
        return new ServiceMetrics.Histogram(stage, BOUNDS_NANOS.clone(), cumulative, count, sumNanos);
    }
}
