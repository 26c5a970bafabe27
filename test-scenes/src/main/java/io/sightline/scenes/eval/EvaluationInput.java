package io.sightline.scenes.eval;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything one evaluation scores.
 *
 * @param truth             annotated frames, scene by scene in frame order
 * @param frames            per-frame predictions (detections, positions, track ids, stage timings)
 * @param groundings        answers to referring expressions
 * @param relations         asserted relations with ground-truth ids
 * @param relationsReported whether the run produced relations at all (false: relations are not scored)
 * @param relationsUnresolved reported relations dropped before scoring because a track matched no object
 * @param reportedIdSwitches the tracker's own id-switch counter, when known
 * @param labelMode         what a detection's class is
 */
public record EvaluationInput(List<GroundTruthFrame> truth, List<FramePrediction> frames,
                              List<GroundingPrediction> groundings, List<RelationPrediction> relations, boolean relationsReported,
                              int relationsUnresolved,
                              OptionalInt reportedIdSwitches, LabelMode labelMode) {
    public EvaluationInput {
        truth = List.copyOf(truth);
        frames = List.copyOf(frames);
        groundings = List.copyOf(groundings);
        relations = List.copyOf(relations);
    }
}
