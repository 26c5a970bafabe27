package io.sightline.perception.grounding;

/**
 * Thresholds of the {@link ObjectGrounder}, chosen on the validation expressions of test-scenes/real (never on test).
 *
 * @param minColourShare  a colour word holds for an object when at least this share of its sampled pixels is under
 *                        the word's names ({@link ColourProfile})
 * @param colourDominance among several objects the colour holds for, the one with the largest share is picked alone
 *                        when its share is at least this many times the next one's
 * @param sizeTie         two boxes whose areas are within this ratio are the same size ("the biggest" is then AMBIGUOUS)
 */
public record ObjectGroundingConfig(double minColourShare, double colourDominance, double sizeTie) {
    public static ObjectGroundingConfig defaults() {
        return new ObjectGroundingConfig(0.10, 1.5, 1.10);
    }

    public ObjectGroundingConfig {
        if (!(minColourShare > 0 && minColourShare <= 1)) {
            throw new IllegalArgumentException("minColourShare must be in (0, 1], got " + minColourShare);
        }
        if (!(colourDominance >= 1)) {
            throw new IllegalArgumentException("colourDominance must be >= 1, got " + colourDominance);
        }
        if (!(sizeTie >= 1)) {
            throw new IllegalArgumentException("sizeTie must be >= 1, got " + sizeTie);
        }
    }
}
