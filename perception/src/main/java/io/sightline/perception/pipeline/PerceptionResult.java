package io.sightline.perception.pipeline;

import io.sightline.perception.relations.SpatialRelation;
import java.util.List;
import java.util.Objects;

/**
 * Everything the pipeline found in one frame.
 *
 * @param source        scene name or source description
 * @param frameIndex    index in the recording (scene frame index), -1 for live sources
 * @param seq           the source's sequence number
 * @param width         source frame width in pixels
 * @param height        source frame height in pixels
 * @param objects       detections in descending score order, with track ids and positions
 * @param relations     relations between the frame's confirmed tracks in view (typed predicates, rendered text)
 * @param description   the scene sentence
 * @param groundings    answers to expressions asked for this frame (replay --ground-expressions); usually empty
 * @param skippedBefore frames the source skipped since the previous result
 * @param timings       per-stage timings
 * @param ageNanos      the frame's age when its result was ready
 */
public record PerceptionResult(String source, int frameIndex, long seq, int width, int height, List<ObjectResult> objects,
                               List<SpatialRelation> relations, String description, List<GroundingAnswer> groundings,
                               long skippedBefore, StageTimings timings, long ageNanos) {
    public PerceptionResult {
        Objects.requireNonNull(source, "source");
        objects = List.copyOf(objects);
        relations = List.copyOf(relations);
        description = description == null ? "" : description;
        groundings = List.copyOf(groundings);
        Objects.requireNonNull(timings, "timings");
    }

    public PerceptionResult withGroundings(List<GroundingAnswer> answers, long decodeNanos) {
        StageTimings t = new StageTimings(timings.captureNanos(), timings.preprocessNanos(), timings.encodeNanos(),
            timings.detectNanos(), timings.decodeNanos() + decodeNanos, timings.postNanos(), timings.totalNanos() + decodeNanos);
        return new PerceptionResult(source, frameIndex, seq, width, height, objects, relations, description, answers,
            skippedBefore, t, ageNanos + decodeNanos);
    }
}
