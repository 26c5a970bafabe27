package io.sightline.quantize;

import java.util.Locale;

/** How an activation's clipping range (amax) is chosen from its |x| histogram. */
public enum RangeMethod {
    /** TensorRT EntropyCalibration2: the threshold whose 128-level quantization loses least information (KL). */
    ENTROPY,
    /** The |x| value below which the given percentage of all values lie. */
    PERCENTILE,
    /** The absolute maximum seen: never clips, wastes resolution on outliers. */
    MINMAX;

    /**
     * @param percentile used by PERCENTILE only, in (0, 100]
     * @return amax, > 0 unless the tensor was all zeros
     */
    public double amax(TensorHistogram histogram, double percentile) {
        return switch (this) {
            case ENTROPY -> EntropyThreshold.of(histogram);
            case PERCENTILE -> percentileOf(histogram, percentile);
            case MINMAX -> histogram.range();
        };
    }

    public static RangeMethod parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("range method must be entropy, percentile or minmax, got '" + text + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Upper edge of the first bin at which the cumulative count reaches {@code percentile}% of all values. */
    static double percentileOf(TensorHistogram h, double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        long total = h.total();
        if (total == 0) {
            return h.range();
        }
        double target = total * percentile / 100.0;
        long cumulative = 0;
        for (int i = 0; i < h.bins(); i++) {
            cumulative += h.count(i);
            if (cumulative >= target) {
                return Math.min(h.range(), (i + 1) * h.binWidth());
            }
        }
        return h.range();
    }
}
