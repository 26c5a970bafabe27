package io.sightline.quantize;

import java.nio.FloatBuffer;

/**
 * Histogram of |x| over [0, range] in equal bins, as TensorRT's calibrators collect it. The range is fixed
 * up front (the absolute maximum from a first pass over the same frames), so the result does not depend on
 * the order of the batches.
 */
public final class TensorHistogram {
    public static final int DEFAULT_BINS = 2048;

    private final double range;
    private final long[] counts;

    public TensorHistogram(double range, int bins) {
        if (!(range >= 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("histogram range must be finite and >= 0, got " + range);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("histogram bins must be >= 1, got " + bins);
        }
        this.range = range;
        this.counts = new long[bins];
    }

    /** A histogram with the given counts (tests and merging). */
    public static TensorHistogram of(double range, long[] counts) {
        TensorHistogram h = new TensorHistogram(range, counts.length);
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        return h;
    }

    public void add(FloatBuffer values) {
        int n = counts.length;
        double perBin = range > 0 ? n / range : 0;
        for (int i = values.position(); i < values.limit(); i++) {
            double a = Math.abs(values.get(i));
            int bin = range > 0 ? (int) Math.min(n - 1, a * perBin) : 0;
            counts[bin]++;
        }
    }

    public void add(float[] values) {
        add(FloatBuffer.wrap(values));
    }

    public double range() {
        return range;
    }

    public int bins() {
        return counts.length;
    }

    public double binWidth() {
        return range / counts.length;
    }

    public long count(int bin) {
        return counts[bin];
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}
