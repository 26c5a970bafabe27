package io.sightline.perception.detect;

import io.sightline.perception.pack.DenseHeadSpec;
import io.sightline.perception.pack.GflHeadSpec;
import io.sightline.perception.pack.HeadSpec;

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
 */
public record DetectionConfig(double scoreThreshold, double nmsIou, int maxCandidates, double peakBoxIou) {
    public DetectionConfig {
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

    /** The pack's thresholds at its {@linkplain HeadSpec#publishThreshold() operating point} (publish threshold if set). */
    public static DetectionConfig operatingPoint(HeadSpec head) {
        return atThreshold(head, head.publishThreshold());
    }

    /** The pack's thresholds with another score threshold (configuration {@code detection.min_score}). */
    public static DetectionConfig atThreshold(HeadSpec head, double scoreThreshold) {
        return switch (head.kind()) {
            case DENSE_VIT -> new DetectionConfig(scoreThreshold, head.nmsIou(), 100, ((DenseHeadSpec) head).peakBoxIou());
            case GFL -> new DetectionConfig(scoreThreshold, head.nmsIou(), ((GflHeadSpec) head).maxDetections(), 0.0);
        };
    }
}
