package io.sightline.perception.pipeline;

import io.sightline.perception.tracking.TrackEvent;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.grounding.ColourProfile;
import java.util.List;
import java.util.Map;
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
 * @param colours  the colour profile of each track matched in this frame, by track id, measured from the frame's
 *                 pixels for the {@link TrackGrounder}; empty when the pipeline does not measure colours
 */
public record FrameOutcome(PerceptionResult result, ImageEncoding encoding, List<TrackedObject> tracks,
                           List<TrackEvent> events, Map<Integer, ColourProfile> colours) {
    public FrameOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(encoding, "encoding");
        tracks = List.copyOf(tracks);
        events = List.copyOf(events);
        colours = Map.copyOf(colours);
    }

    /** Without colour profiles. */
    public FrameOutcome(PerceptionResult result, ImageEncoding encoding, List<TrackedObject> tracks, List<TrackEvent> events) {
        this(result, encoding, tracks, events, Map.of());
    }

    public StageTimings timings() {
        return result.timings();
    }

    /** The same frame with grounding answers added to its result ({@link PerceptionResult#withGroundings}). */
    public FrameOutcome withGroundings(List<GroundingAnswer> answers, long decodeNanos) {
        return new FrameOutcome(result.withGroundings(answers, decodeNanos), encoding, tracks, events, colours);
    }
}
