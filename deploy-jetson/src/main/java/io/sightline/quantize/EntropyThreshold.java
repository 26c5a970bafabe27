package io.sightline.quantize;

/**
 * TensorRT's EntropyCalibration2 threshold search (Migacz, "8-bit Inference with TensorRT", GTC 2017): for
 * every candidate i = 128 .. bins, the reference distribution P is the first i bins with all outliers (bins
 * i..end) folded into bin i-1; the candidate Q is those i bins quantized to 128 levels (each level spreads its
 * count evenly over its non-empty source bins). The threshold is (i + 0.5) * bin width at the smallest
 * KL(P || Q), capped at the histogram range; among equal divergences the largest i wins.
 */
public final class EntropyThreshold {
    public static final int LEVELS = 128;

    private EntropyThreshold() {
    }

    public static double of(TensorHistogram h) {
        int bins = h.bins();
        if (h.total() == 0 || h.range() == 0) {
            return h.range();
        }
        if (bins <= LEVELS) {
            return h.range();
        }
        long[] counts = h.counts();
        long[] suffix = new long[bins + 1]; // suffix[i] = sum of counts[i..]
        for (int i = bins - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + counts[i];
        }
        double best = Double.POSITIVE_INFINITY;
        int bestI = bins;
        double[] p = new double[bins];
        double[] q = new double[bins];
        for (int i = LEVELS; i <= bins; i++) {
            double kl = divergence(counts, suffix, i, p, q);
            if (kl <= best) {
                best = kl;
                bestI = i;
            }
        }
        return Math.min(h.range(), (bestI + 0.5) * h.binWidth());
    }

    /** KL(P || Q) for candidate i; infinite where Q is zero and P is not. */
    static double divergence(long[] counts, long[] suffix, int i, double[] p, double[] q) {
        double pTotal = 0;
        for (int b = 0; b < i; b++) {
            p[b] = counts[b];
        }
        p[i - 1] += suffix[i];
        for (int b = 0; b < i; b++) {
            pTotal += p[b];
        }
        // merge i bins into LEVELS levels: bin b goes to level floor(b * LEVELS / i)
        double qTotal = 0;
        int start = 0;
        for (int level = 0; level < LEVELS; level++) {
            int end = (int) (((long) (level + 1) * i) / LEVELS);
            if (level == LEVELS - 1) {
                end = i;
            }
            double sum = 0;
            int nonEmpty = 0;
            for (int b = start; b < end; b++) {
                sum += counts[b];
                if (counts[b] != 0) {
                    nonEmpty++;
                }
            }
            double each = nonEmpty == 0 ? 0 : sum / nonEmpty;
            for (int b = start; b < end; b++) {
                q[b] = counts[b] != 0 ? each : 0;
                qTotal += q[b];
            }
            start = end;
        }
        if (qTotal == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double kl = 0;
        for (int b = 0; b < i; b++) {
            if (p[b] == 0) {
                continue;
            }
            if (q[b] == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double pn = p[b] / pTotal;
            double qn = q[b] / qTotal;
            kl += pn * Math.log(pn / qn);
        }
        return kl;
    }
}
