package io.sightline.perception.pipeline;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.language.Generation;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vlm.VlmModel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Answers a referring expression on the latest processed frame (ARCHITECTURE.md section 3), chosen per pack by
 * {@link #forModel}: the {@link DecoderGrounder} for a pack with a language decoder (its answer matched against the
 * tracks), the {@link TrackGrounder} over the tracked objects' classes, colours and positions otherwise.
 */
public interface Grounder {
    /**
     * The outcome with the answer's timing.
     *
     * @param generation the decoder's answer; for the {@link TrackGrounder}, no tokens, its reading as text and the
     *                   time it took as both latencies
     */
    record Answer(GroundingOutcome outcome, Generation generation, long seq, int frameIndex) {}

    /** Grounds on one processed frame; an {@link IllegalArgumentException} for an empty expression. */
    Answer ground(FrameOutcome frame, String expression);

    /** Which grounder answers, for status and logs: "language decoder" or "tracked objects (...)". */
    String describe();

    /** The pack's grounder with the default matcher thresholds. */
    static Grounder forModel(VlmModel vlm) {
        return forModel(vlm, GroundingConfig.defaults());
    }

    /** The decoder grounder with {@code matching} when the pack has a language decoder, else the {@link TrackGrounder}. */
    static Grounder forModel(VlmModel vlm, GroundingConfig matching) {
        return forModel(vlm, matching, RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /**
     * As {@link #forModel(VlmModel, GroundingConfig)}; the decoder grounder's evidence among the {@code neighbours}
     * nearest per object ({@code relations.neighbours}).
     */
    static Grounder forModel(VlmModel vlm, GroundingConfig matching, int neighbours) {
        return vlm.language().isPresent() ? DecoderGrounder.forModel(vlm, matching, neighbours) : TrackGrounder.forModel(vlm);
    }

    /** The objects a request may pick: every track matched in the frame (a new object is groundable at once). */
    static List<TrackedObject> visible(List<TrackedObject> tracks) {
        return tracks.stream().filter(t -> t.misses() == 0).toList();
    }

    /** The answer as it goes into a results line. */
    static GroundingAnswer toResult(String expression, Answer a) {
        GroundingOutcome o = a.outcome();
        Optional<TrackedObject> t = o.target();
        return new GroundingAnswer(expression, o.status().name(), t.map(x -> x.detection().box()),
            t.map(x -> OptionalLong.of(x.trackId())).orElse(OptionalLong.empty()), t.map(TrackedObject::label).orElse(""),
            o.evidenceCompact(), a.generation().text(), o.reason(), a.generation().timeToFirstTokenNanos(),
            a.generation().tokensPerSecond());
    }
}
