package io.sightline.scenes.eval;

import java.util.List;

/**
 * One image's ground truth and detections for {@link CocoDetectionEvaluator}. The order of
 * {@code detections} matters only to break score ties (see the evaluator).
 */
public record DetectionFrame(List<LabelledBox> groundTruth, List<ScoredBox> detections) {
    public DetectionFrame {
        groundTruth = List.copyOf(groundTruth);
        detections = List.copyOf(detections);
    }
}
