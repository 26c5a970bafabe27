package io.sightline.scenes.eval;

import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Percentiles by linear interpolation between closest ranks (numpy's default, "type 7"): the p-th
 * percentile of n sorted values is read at position {@code (n - 1) * p / 100}.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(Collection<Double> values) {
        this.sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public int count() {
        return sorted.length;
    }

    public double[] sortedValues() {
        return sorted.clone();
    }

    public OptionalDouble at(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        double pos = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return OptionalDouble.of(sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]));
    }

    @Override
    public String toString() {
        return "Percentiles" + Arrays.toString(sorted);
    }
}
