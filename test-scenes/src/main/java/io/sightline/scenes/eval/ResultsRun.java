package io.sightline.scenes.eval;

import java.util.List;

/**
 * What one or more results files (docs/results-format.md) hold, in the evaluation's terms.
 *
 * @param frames            per-frame detections and timings
 * @param groundings        answers to referring expressions
 * @param relations         relations between track ids
 * @param relationsReported true when some line carried a {@code relations} array
 * @param lines             lines read
 */
public record ResultsRun(List<FramePrediction> frames, List<GroundingPrediction> groundings, List<TrackRelation> relations,
                         boolean relationsReported, int lines) {
    public ResultsRun {
        frames = List.copyOf(frames);
        groundings = List.copyOf(groundings);
        relations = List.copyOf(relations);
    }
}
