package io.sightline.perception.pipeline;

import io.sightline.perception.grounding.DecodedTarget;
import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.grounding.GroundingMatcher;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.language.Generation;
import io.sightline.perception.language.LanguageDecoder;
import io.sightline.perception.language.LocResult;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vision.ImageEncoding;
import java.util.ArrayList;
import java.util.List;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import java.util.Objects;

/**
 * Answers a referring expression on the latest frame (ARCHITECTURE.md section 3): {@code ground <expression>}
 * through the {@link LanguageDecoder} on that frame's {@link ImageEncoding} (no re-encoding), the decoded
 * box(es) matched against the frame's visible tracks by the {@link GroundingMatcher}, with the relations that
 * support the choice. Requests are served one at a time (the decoder is not thread-safe); the frame loop
 * keeps running meanwhile. The {@link Grounder} of packs with a language decoder.
 */
public final class DecoderGrounder implements Grounder {
    private final LanguageDecoder decoder;
    private final GroundingMatcher matcher;
    private final RelationExtractor relations;

    public DecoderGrounder(LanguageDecoder decoder, GroundingMatcher matcher, RelationExtractor relations) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.relations = Objects.requireNonNull(relations, "relations");
    }

    /** The pack's language decoder with the default matcher thresholds and the ground-truth relation margins. */
    public static DecoderGrounder forModel(VlmModel vlm) {
        return forModel(vlm, GroundingConfig.defaults());
    }

    /**
     * As {@link #forModel(VlmModel)} with other matcher settings; a {@link PackException} saying so for a pack without
     * a language decoder.
     */
    public static DecoderGrounder forModel(VlmModel vlm, GroundingConfig matching) {
        return forModel(vlm, matching, RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** As {@link #forModel(VlmModel, GroundingConfig)}, evidence among {@code neighbours} nearest per object ({@code relations.neighbours}). */
    public static DecoderGrounder forModel(VlmModel vlm, GroundingConfig matching, int neighbours) {
        RelationConfig margins = RelationConfig.groundTruthMargins();
        return new DecoderGrounder(vlm.language().orElseThrow(() -> new PackException(ModelPack.MANIFEST,
            vlm.languageUnavailableReason())), new GroundingMatcher(matching, vlm.pack().manifest().colours(),
            vlm.pack().manifest().shapes(), margins), new RelationExtractor(margins, neighbours));
    }

    @Override
    public String describe() {
        return "language decoder";
    }

    /** Grounds on one processed frame. */
    @Override
    public Answer ground(FrameOutcome frame, String expression) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("grounding expression is empty");
        }
        Prompt prompt = Prompt.ground(text);
        ImageEncoding enc = frame.encoding();
        Generation g;
        synchronized (decoder) {
            g = decoder.generate(enc, prompt);
        }
        List<DecodedTarget> answers = new ArrayList<>();
        if (g.isNone() || g.locs().isEmpty()) {
            answers.add(DecodedTarget.noTarget());
        } else {
            for (LocResult loc : g.locs()) {
                answers.add(DecodedTarget.fromLoc(loc, enc.sourceWidth(), enc.sourceHeight()));
            }
        }
        List<TrackedObject> visible = Grounder.visible(frame.tracks());
        List<SpatialRelation> rel = relations.extract(visible);
        GroundingOutcome outcome = matcher.match(text, answers, visible, rel);
        return new Answer(outcome, g, frame.result().seq(), frame.result().frameIndex());
    }
}
