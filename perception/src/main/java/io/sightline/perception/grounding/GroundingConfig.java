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
 */
public record GroundingConfig(double iouThreshold, double ambiguityMargin, boolean labelFallback, LabelCheck labelCheck) {
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

    public static GroundingConfig defaults() {
        return new GroundingConfig(0.5, 0.1, false, LabelCheck.EXPRESSION);
    }

    public GroundingConfig withLabelFallback(boolean fallback) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, fallback, labelCheck);
    }

    public GroundingConfig withLabelCheck(LabelCheck check) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, labelFallback, check);
    }

    public GroundingConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("grounding iouThreshold must be in (0, 1], got " + iouThreshold);
        }
        java.util.Objects.requireNonNull(labelCheck, "labelCheck");
        if (!(ambiguityMargin >= 0 && ambiguityMargin < 1)) {
            throw new IllegalArgumentException("grounding ambiguityMargin must be in [0, 1), got " + ambiguityMargin);
        }
    }
}
