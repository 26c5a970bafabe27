package io.sightline.perception.detect;

import io.sightline.perception.pack.DenseHeadSpec;
import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.HeadSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds of the detection decoding (configuration {@code detection.*}; defaults from the pack's manifest).
 *
 * @param scoreThreshold keep a peak when objectness x p(shape) x p(colour) is at least this
 * @param nmsIou         within one label, drop a box whose IoU with a higher-scoring kept box is at least this
 * @param maxCandidates  dense head: at most this many peaks (highest scores first) enter NMS, as in training's
 *                       decode_dense; gfl head: at most this many detections come out ({@code head.max_detections})
 * @param peakBoxIou     a grid cell stays a candidate unless a 3x3 neighbour with a higher objectness has a box
 *                       overlapping its own at IoU >= this (0 = any higher neighbour: the plain 3x3 maximum, which
 *                       loses one of two objects in neighbouring cells); dense head only, 0 for gfl
 * @param classThresholds per class (the dense head's shape), the score a detection of that class needs instead of
 *                       {@code scoreThreshold} (the pack's per-class operating point); empty = one threshold for all
 */
public record DetectionConfig(double scoreThreshold, double nmsIou, int maxCandidates, double peakBoxIou,
                              Map<String, Double> classThresholds) {
    /** One threshold for every class. */
    public DetectionConfig(double scoreThreshold, double nmsIou, int maxCandidates, double peakBoxIou) {
        this(scoreThreshold, nmsIou, maxCandidates, peakBoxIou, Map.of());
    }

    public DetectionConfig {
        classThresholds = Collections.unmodifiableMap(new LinkedHashMap<>(classThresholds));
        classThresholds.forEach((name, t) -> {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("detection threshold of class " + name + " must be in [0,1], got " + t);
            }
        });
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("detection.score_threshold must be in [0,1], got " + scoreThreshold);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("detection.nms_iou must be in (0,1], got " + nmsIou);
        }
        if (!(peakBoxIou >= 0 && peakBoxIou <= 1)) {
            throw new IllegalArgumentException("detection.peak_box_iou must be in [0,1], got " + peakBoxIou);
        }
        if (maxCandidates <= 0) {
            throw new IllegalArgumentException("detection.max_candidates must be positive, got " + maxCandidates);
        }
    }

    /** The pack's thresholds at its {@linkplain HeadSpec#scoreThreshold() score threshold}: the full curve (eval). */
    public static DetectionConfig fromPack(HeadSpec head) {
        return atThreshold(head, head.scoreThreshold());
    }

    /**
     * The pack's thresholds at its {@linkplain HeadSpec#publishThreshold() operating point} (publish threshold if set,
     * and its {@linkplain HeadSpec#publishThresholdPerClass() per-class} ones).
     */
    public static DetectionConfig operatingPoint(HeadSpec head) {
        DetectionConfig c = atThreshold(head, head.publishThreshold());
        return new DetectionConfig(c.scoreThreshold(), c.nmsIou(), c.maxCandidates(), c.peakBoxIou(),
            head.publishThresholdPerClass());
    }

    /** The score a detection of {@code className} needs: its class threshold, else {@link #scoreThreshold()}. */
    public double threshold(String className) {
        return classThresholds.getOrDefault(className, scoreThreshold);
    }

    /** The pack's thresholds with another score threshold (configuration {@code detection.min_score}). */
    public static DetectionConfig atThreshold(HeadSpec head, double scoreThreshold) {
        return switch (head.kind()) {
            case DENSE_VIT -> new DetectionConfig(scoreThreshold, head.nmsIou(), 100, ((DenseHeadSpec) head).peakBoxIou());
            case GFL -> new DetectionConfig(scoreThreshold, head.nmsIou(), ((GflHeadSpec) head).maxDetections(), 0.0);
        };
    }
}
