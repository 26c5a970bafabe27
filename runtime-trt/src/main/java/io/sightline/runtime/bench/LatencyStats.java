package io.sightline.runtime.bench;

import java.util.Arrays;

/**
 * Latency percentiles (nearest-rank), mean and maximum of one measured run, in milliseconds; with no samples
 * (nothing arrived) every value is NaN.
 */
public record LatencyStats(int samples, double p50Ms, double p99Ms, double meanMs, double maxMs) {
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow() / 1e6;
        return new LatencyStats(sorted.length, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, mean,
            sorted[sorted.length - 1] / 1e6);
    }

    /** Runs per second one after another at the mean latency. */
    public double throughputPerSecond() {
        return 1000.0 / meanMs;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
