package io.sightline.perception.pipeline;

import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.grounding.ObjectGrounder;
import io.sightline.perception.grounding.ObjectGroundingConfig;
import io.sightline.perception.grounding.ObjectVocabulary;
import io.sightline.perception.language.Generation;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.language.StopReason;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.vlm.VlmModel;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Grounder} of packs without a language decoder: the {@link ObjectGrounder} over the frame's visible
 * tracks, their colour profiles ({@link FrameOutcome#colours()}) and positions, with the ground-truth relation margins.
 * Stateless and thread-safe.
 */
public final class TrackGrounder implements Grounder {
    private final ObjectGrounder grounder;

    public TrackGrounder(ObjectGrounder grounder) {
        this.grounder = Objects.requireNonNull(grounder, "grounder");
    }

    /** Over the pack's class labels, with the default thresholds. */
    public static TrackGrounder forLabels(Collection<String> labels) {
        return new TrackGrounder(new ObjectGrounder(ObjectVocabulary.forLabels(labels),
            new RelationExtractor(RelationConfig.groundTruthMargins()), ObjectGroundingConfig.defaults()));
    }

    /** Over the pack's labels, warmed up ({@link #warmUp}) so that the first request does not pay for class loading. */
    public static TrackGrounder forModel(VlmModel vlm) {
        return forLabels(vlm.pack().manifest().shapes()).warmUp();
    }

    /** Answers a few expressions on no objects (parser, matcher and their classes loaded and compiled); returns this. */
    public TrackGrounder warmUp() {
        for (int i = 0; i < 200; i++) {
            for (String e : List.of("the red cup left of the laptop", "the second person from the left",
                "the person nearest the robot", "the biggest thing between the cup and the bowl", "the smiling guy")) {
                grounder.ground(e, List.of(), java.util.Map.of());
            }
        }
        return this;
    }

    public ObjectGrounder objects() {
        return grounder;
    }

    @Override
    public String describe() {
        return "tracked objects (class words, measured colour, positions; no language decoder)";
    }

    @Override
    public Answer ground(FrameOutcome frame, String expression) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("grounding expression is empty");
        }
        long t0 = System.nanoTime();
        GroundingOutcome outcome = grounder.ground(text, Grounder.visible(frame.tracks()), frame.colours());
        long took = System.nanoTime() - t0;
        Generation g = new Generation(Prompt.ground(text), outcome.status().name().toLowerCase(java.util.Locale.ROOT),
            List.of(), List.of(), StopReason.EOS, took, took, 0);
        return new Answer(outcome, g, frame.result().seq(), frame.result().frameIndex());
    }
}
