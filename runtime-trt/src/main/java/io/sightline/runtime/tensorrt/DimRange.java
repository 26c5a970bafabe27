package io.sightline.runtime.tensorrt;

/** The values one symbolic dimension may take in a TensorRT optimisation profile: min <= opt <= max. */
public record DimRange(long min, long opt, long max) {
    public DimRange {
        if (min < 0 || opt < min || max < opt) {
            throw new IllegalArgumentException("dimension range needs 0 <= min <= opt <= max, got " + min + ".." + opt + ".." + max);
        }
    }

    public static DimRange fixed(long value) {
        return new DimRange(value, value, value);
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + ".." + opt + ".." + max;
    }
}
