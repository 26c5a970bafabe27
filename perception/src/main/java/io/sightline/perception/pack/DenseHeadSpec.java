package io.sightline.perception.pack;

/**
 * Layout of the encoder's dense detection head ({@code det_logits [B, rows*cols, channels]},
 * {@code det_boxes [B, rows*cols, 4]} xyxy normalised), and the pack's default thresholds.
 * {@code peakBoxIou} is the manifest's {@code dense_head.peak_box_iou}: a higher 3x3 neighbour suppresses a cell
 * only when their boxes overlap at least this much (0, also for packs without the field: any higher neighbour).
 * Read from the {@code dense_head} section ({@code head.kind} absent or {@code dense-vit}).
 * {@code publishThresholdSetting} is {@code dense_head.publish_threshold} (the operating point run publishes at,
 * chosen on validation; empty for packs without one: the score threshold), {@code publishThresholdPerClass}
 * {@code dense_head.publish_threshold_per_class} (by shape; classes not listed use the publish threshold).
 */
public record DenseHeadSpec(int rows, int cols, int channels, int objectness, int shapeFrom, int shapeTo,
                            int colourFrom, int colourTo, double scoreThreshold, double nmsIou, double peakBoxIou,
                            java.util.OptionalDouble publishThresholdSetting, java.util.Map<String, Double> publishThresholdPerClass)
    implements HeadSpec {
    public DenseHeadSpec {
        publishThresholdPerClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(publishThresholdPerClass));
    }

    /** Without an operating point of its own (it publishes at its score threshold). */
    public DenseHeadSpec(int rows, int cols, int channels, int objectness, int shapeFrom, int shapeTo, int colourFrom,
                         int colourTo, double scoreThreshold, double nmsIou, double peakBoxIou) {
        this(rows, cols, channels, objectness, shapeFrom, shapeTo, colourFrom, colourTo, scoreThreshold, nmsIou, peakBoxIou,
            java.util.OptionalDouble.empty(), java.util.Map.of());
    }

    public int tokens() {
        return rows * cols;
    }

    @Override
    public java.util.List<String> outputNames() {
        return java.util.List.of("det_logits", "det_boxes");
    }

    @Override
    public Kind kind() {
        return Kind.DENSE_VIT;
    }

    /** {@code dense_head.publish_threshold}, else the score threshold. */
    @Override
    public double publishThreshold() {
        return publishThresholdSetting.orElse(scoreThreshold);
    }
}
