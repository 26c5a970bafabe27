package io.sightline.perception.vision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoder's outputs for one frame, copied out of the session so they outlive the next frame (the
 * {@code LanguageDecoder} reuses the latest frame's features for grounding requests). Arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param seq            the frame's sequence number
 * @param sourceWidth    width of the source frame in pixels (boxes are mapped back to it)
 * @param sourceHeight   height of the source frame in pixels
 * @param imageFeatures  {@code [featureTokens x featureDim]} row-major, the rows that replace {@code <image>} tokens
 *                       (empty, 0 x 0, for packs without a language decoder)
 * @param featureTokens  number of image tokens
 * @param featureDim     decoder hidden size
 * @param headOutputs    the detection head's outputs by tensor name ({@code det_logits}/{@code det_boxes} for the
 *                       dense head, {@code scores_8}, {@code distances_8}, ... for a GFL head), row-major; empty
 *                       for packs without a head
 * @param preprocessNanos time spent resizing and normalising
 * @param encodeNanos    time spent in the encoder graph (including copying its outputs)
 */
public record ImageEncoding(long seq, int sourceWidth, int sourceHeight, float[] imageFeatures, int featureTokens,
                            int featureDim, Map<String, float[]> headOutputs, long preprocessNanos, long encodeNanos) {
    static final String DET_LOGITS = "det_logits";
    static final String DET_BOXES = "det_boxes";

    public ImageEncoding {
        if (imageFeatures.length != (long) featureTokens * featureDim) {
            throw new IllegalArgumentException("image features hold " + imageFeatures.length + " values, expected "
                + featureTokens + " x " + featureDim);
        }
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive, got " + sourceWidth + "x" + sourceHeight);
        }
        headOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(headOutputs));
    }

    /** An encoding with a dense head ({@code detLogits}/{@code detBoxes} empty: none). */
    public ImageEncoding(long seq, int sourceWidth, int sourceHeight, float[] imageFeatures, int featureTokens,
                         int featureDim, float[] detLogits, float[] detBoxes, long preprocessNanos, long encodeNanos) {
        this(seq, sourceWidth, sourceHeight, imageFeatures, featureTokens, featureDim,
            detLogits.length == 0 ? Map.of() : Map.of(DET_LOGITS, detLogits, DET_BOXES, detBoxes),
            preprocessNanos, encodeNanos);
    }

    /** Dense head {@code [headTokens x channels]}; empty for packs without a dense head. */
    public float[] detLogits() {
        return headOutputs.getOrDefault(DET_LOGITS, new float[0]);
    }

    /** Dense head boxes {@code [headTokens x 4]} xyxy normalised 0..1; empty without a dense head. */
    public float[] detBoxes() {
        return headOutputs.getOrDefault(DET_BOXES, new float[0]);
    }

    /** A head output by tensor name; an {@link IllegalArgumentException} naming what there is when it is missing. */
    public float[] headOutput(String name) {
        float[] v = headOutputs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the image graph gave no head output '" + name + "'; has "
                + headOutputs.keySet());
        }
        return v;
    }

    public boolean hasDenseHead() {
        return headOutputs.containsKey(DET_LOGITS);
    }
}
