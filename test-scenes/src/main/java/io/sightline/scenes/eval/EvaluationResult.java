package io.sightline.scenes.eval;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The scores of one evaluation.
 *
 * @param scenes            scene names, in input order
 * @param frames            annotated frames that had predictions (the ones scored)
 * @param framesMissing     annotated frames without any prediction (not scored)
 * @param detection         COCO detection metrics
 * @param grounding         referring-expression metrics
 * @param relations         relation metrics ({@link RelationMetrics#NOT_MEASURED} when none were asserted)
 * @param positionErrors    one per matched detection that carried a position
 * @param latencyMs         per-stage latency percentiles over frames, by stage name
 * @param idSwitches        the tracker's reported count, else the count from matching, else empty
 * @param idSwitchesMatched id switches counted from track ids matched to ground truth, when track ids exist
 * @param frameKeys         the scored frames, in order
 */
public record EvaluationResult(List<String> scenes, int frames, int framesMissing, DetectionMetrics detection,
                               GroundingMetrics grounding, RelationMetrics relations, List<PositionError> positionErrors,
                               Map<String, Percentiles> latencyMs, OptionalInt idSwitches, OptionalInt idSwitchesMatched,
                               List<FrameKey> frameKeys) {
    public EvaluationResult {
        scenes = List.copyOf(scenes);
        positionErrors = List.copyOf(positionErrors);
        latencyMs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(latencyMs));
        frameKeys = List.copyOf(frameKeys);
    }

    public Percentiles positionErrorPercentiles() {
        return new Percentiles(positionErrors.stream().map(PositionError::errorM).toList());
    }
}
