package io.sightline.runtime.bench;

import java.util.Arrays;

/** Latency percentiles (nearest-rank) and throughput of one measured run. */
public record LatencyStats(double p50Ms, double p99Ms, double meanMs, double throughputPerSecond, int iterations) {
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow() / 1e6;
        return new LatencyStats(percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, mean, 1000.0 / mean, sorted.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
