package io.sightline.scenes.eval;

import java.util.OptionalDouble;

/**
 * Detections kept at one score threshold, pooled over every class and image, matched at IoU 0.5.
 *
 * @param scoreThreshold detections scoring at least this are kept
 * @param truePositives  kept detections that matched an object
 * @param falsePositives kept detections that matched nothing (those on a crowd region are ignored)
 * @param falseNegatives objects no kept detection matched
 */
public record OperatingPoint(double scoreThreshold, int truePositives, int falsePositives, int falseNegatives) {
    public OperatingPoint {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("negative count at threshold " + scoreThreshold);
        }
    }

    /** Empty when nothing is kept. */
    public OptionalDouble precision() {
        int kept = truePositives + falsePositives;
        return kept == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / kept);
    }

    /** Empty when there is no object. */
    public OptionalDouble recall() {
        int objects = truePositives + falseNegatives;
        return objects == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / objects);
    }

    /** {@code 2 TP / (2 TP + FP + FN)}: the harmonic mean of precision and recall, 0 when nothing matched. */
    public double f1() {
        int denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }
}
