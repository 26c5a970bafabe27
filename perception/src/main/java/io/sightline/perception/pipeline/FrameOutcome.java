package io.sightline.perception.pipeline;

import io.sightline.perception.tracking.TrackEvent;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vision.ImageEncoding;
import java.util.List;
import java.util.Objects;

/**
 * Everything one frame produced, handed out of {@link PerceptionPipeline#finish} as one value (as DJL's
 * {@code Predictor} returns one output per call): nobody pulls a frame's context back from the pipeline or its
 * tracker afterwards.
 *
 * @param result   what the frame shows: objects, relations, description, timings (results files, DetectionFrame)
 * @param encoding the encoder's outputs for the frame, kept by whoever grounds on it later
 * @param tracks   every live track after this frame (TENTATIVE, CONFIRMED and LOST)
 * @param events   the tracker's life-cycle events of this frame (NEW, UPDATE, END)
 */
public record FrameOutcome(PerceptionResult result, ImageEncoding encoding, List<TrackedObject> tracks,
                           List<TrackEvent> events) {
    public FrameOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(encoding, "encoding");
        tracks = List.copyOf(tracks);
        events = List.copyOf(events);
    }

    public StageTimings timings() {
        return result.timings();
    }

    /** The same frame with grounding answers added to its result ({@link PerceptionResult#withGroundings}). */
    public FrameOutcome withGroundings(List<GroundingAnswer> answers, long decodeNanos) {
        return new FrameOutcome(result.withGroundings(answers, decodeNanos), encoding, tracks, events);
    }
}
