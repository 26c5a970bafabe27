package io.sightline.perception.vision;

/**
 * The encoder's outputs for one frame, copied out of the session so they outlive the next frame (the
 * {@code LanguageDecoder} reuses the latest frame's features for grounding requests). Arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param seq            the frame's sequence number
 * @param sourceWidth    width of the source frame in pixels (boxes are mapped back to it)
 * @param sourceHeight   height of the source frame in pixels
 * @param imageFeatures  {@code [featureTokens x featureDim]} row-major, the rows that replace {@code <image>} tokens
 * @param featureTokens  number of image tokens
 * @param featureDim     decoder hidden size
 * @param detLogits      dense head {@code [headTokens x channels]}, empty for packs without a dense head
 * @param detBoxes       dense head boxes {@code [headTokens x 4]} xyxy normalised 0..1, empty without a dense head
 * @param preprocessNanos time spent resizing and normalising
 * @param encodeNanos    time spent in the encoder graph (including copying its outputs)
 */
public record ImageEncoding(long seq, int sourceWidth, int sourceHeight, float[] imageFeatures, int featureTokens,
                            int featureDim, float[] detLogits, float[] detBoxes, long preprocessNanos, long encodeNanos) {
    public ImageEncoding {
        if (imageFeatures.length != (long) featureTokens * featureDim) {
            throw new IllegalArgumentException("image features hold " + imageFeatures.length + " values, expected "
                + featureTokens + " x " + featureDim);
        }
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive, got " + sourceWidth + "x" + sourceHeight);
        }
    }

    public boolean hasDenseHead() {
        return detLogits.length > 0;
    }
}
