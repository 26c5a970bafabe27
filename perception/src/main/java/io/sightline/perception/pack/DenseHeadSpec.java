package io.sightline.perception.pack;

/**
 * Layout of the encoder's dense detection head ({@code det_logits [B, rows*cols, channels]},
 * {@code det_boxes [B, rows*cols, 4]} xyxy normalised), and the pack's default thresholds.
 */
public record DenseHeadSpec(int rows, int cols, int channels, int objectness, int shapeFrom, int shapeTo,
                            int colourFrom, int colourTo, double scoreThreshold, double nmsIou) {
    public int tokens() {
        return rows * cols;
    }
}
