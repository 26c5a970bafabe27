package io.sightline.perception.pack;

/**
 * Layout of the encoder's dense detection head ({@code det_logits [B, rows*cols, channels]},
 * {@code det_boxes [B, rows*cols, 4]} xyxy normalised), and the pack's default thresholds.
 * {@code peakBoxIou} is the manifest's {@code dense_head.peak_box_iou}: a higher 3x3 neighbour suppresses a cell
 * only when their boxes overlap at least this much (0, also for packs without the field: any higher neighbour).
 * Read from the {@code dense_head} section ({@code head.kind} absent or {@code dense-vit}).
 */
public record DenseHeadSpec(int rows, int cols, int channels, int objectness, int shapeFrom, int shapeTo,
                            int colourFrom, int colourTo, double scoreThreshold, double nmsIou, double peakBoxIou)
    implements HeadSpec {
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

    /** The dense head has no separate operating point: its score threshold. */
    @Override
    public double publishThreshold() {
        return scoreThreshold;
    }
}
