package io.sightline.perception.grounding;

/**
 * Settings of {@link GroundingMatcher}.
 *
 * @param iouThreshold    least IoU between the decoded box and a track's box for the track to be a candidate
 *                        (0.5: the Acc@0.5 criterion the evaluation uses, so an OK here is a hit there)
 * @param ambiguityMargin when the runner-up candidate's IoU is within this of the best, the answer is AMBIGUOUS
 * @param labelFallback   when the decoded box overlaps no track of the decoded label enough but exactly one tracked
 *                        object carries that label, take it (the answer's label names it) and say so in the reason;
 *                        with several such objects the box alone decides (else NO_MATCH). Off by default: with the
 *                        first pack it lifted grounding Acc@0.5 on the test split from 0.003 to 0.116 but half of
 *                        its answers are wrong (precision 0.93 attribute, 0.85 relational, 0.35 superlative), and
 *                        for a robot a wrong target is worse than NO_MATCH
 * @param labelCheck      what a candidate track's label must agree with
 * @param relationCheck   whether the chosen track must agree with the relation the expression states, in metres
 */
public record GroundingConfig(double iouThreshold, double ambiguityMargin, boolean labelFallback, LabelCheck labelCheck,
                              RelationCheck relationCheck) {
    /** What a track under the decoded box must agree with to be the target. */
    public enum LabelCheck {
        /**
         * The colour and shape the expression states for its target ({@link TargetPhrase}); when it states neither
         * ("the one left of the ball"), the label in the decoder's answer. The decoder's echo of a label is its
         * least reliable output (it often names the wrong colour for the right box), while the expression is what
         * the user asked for: a target must have the attributes it names.
         */
        EXPRESSION,
        /** The label in the decoder's answer ({@link LabelMatch}), whatever the expression says. */
        ANSWER
    }

    /**
     * What the decoder's target must satisfy of the relation an expression states ("the cup left of the blue box",
     * {@link StatedRelation}), judged on the tracks' positions with the relation extractor's margins. The decoder
     * reads relations off the image and can name an object that has the right colour and shape but sits on the
     * wrong side; the tracks' metric positions settle it.
     */
    public enum RelationCheck {
        /** The decoder's answer stands whatever the positions say. */
        OFF,
        /**
         * NO_MATCH when every tracked anchor shows the opposite: the target is beyond the direction margin the other
         * way, or (NEAR) farther than the not-near threshold. No tracked anchor, or one in the ambiguity band, lets
         * the answer stand.
         */
        CONTRADICTED,
        /** NO_MATCH unless some tracked anchor shows the relation holding (a missing anchor rejects too). */
        UNSUPPORTED
    }

    public static GroundingConfig defaults() {
        return new GroundingConfig(0.5, 0.1, false, LabelCheck.EXPRESSION, RelationCheck.UNSUPPORTED);
    }

    public GroundingConfig withLabelFallback(boolean fallback) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, fallback, labelCheck, relationCheck);
    }

    public GroundingConfig withLabelCheck(LabelCheck check) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, labelFallback, check, relationCheck);
    }

    public GroundingConfig withRelationCheck(RelationCheck check) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, labelFallback, labelCheck, check);
    }

    public GroundingConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("grounding iouThreshold must be in (0, 1], got " + iouThreshold);
        }
        java.util.Objects.requireNonNull(labelCheck, "labelCheck");
        java.util.Objects.requireNonNull(relationCheck, "relationCheck");
        if (!(ambiguityMargin >= 0 && ambiguityMargin < 1)) {
            throw new IllegalArgumentException("grounding ambiguityMargin must be in [0, 1), got " + ambiguityMargin);
        }
    }
}
