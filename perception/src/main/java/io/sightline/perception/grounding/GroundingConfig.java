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
 *                        shipped pack it lifts grounding Acc@0.5 on the test split from 0.003 to 0.116 but half of
 *                        its answers are wrong (precision 0.93 attribute, 0.85 relational, 0.35 superlative), and
 *                        for a robot a wrong target is worse than NO_MATCH
 */
public record GroundingConfig(double iouThreshold, double ambiguityMargin, boolean labelFallback) {
    public static GroundingConfig defaults() {
        return new GroundingConfig(0.5, 0.1, false);
    }

    public GroundingConfig withLabelFallback(boolean fallback) {
        return new GroundingConfig(iouThreshold, ambiguityMargin, fallback);
    }

    public GroundingConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("grounding iouThreshold must be in (0, 1], got " + iouThreshold);
        }
        if (!(ambiguityMargin >= 0 && ambiguityMargin < 1)) {
            throw new IllegalArgumentException("grounding ambiguityMargin must be in [0, 1), got " + ambiguityMargin);
        }
    }
}
