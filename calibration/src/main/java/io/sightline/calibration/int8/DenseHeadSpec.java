package io.sightline.calibration.int8;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dense head's layout and decoding recipe from the manifest's {@code dense_head} section.
 *
 * @param rows           token grid rows
 * @param cols           token grid columns
 * @param channels       values per token in det_logits
 * @param shapeFrom      first shape logit (objectness is channel 0)
 * @param shapeTo        one past the last shape logit
 * @param colourFrom     first colour logit
 * @param colourTo       one past the last colour logit
 * @param scoreThreshold minimum score of a detection
 * @param nmsIou         per-label NMS IoU
 * @param peakBoxIou     a higher 3x3 neighbour suppresses a token only when their boxes overlap at IoU >= this
 *                       (0 when the manifest has no {@code peak_box_iou}: the plain 3x3 maximum)
 */
public record DenseHeadSpec(int rows, int cols, int channels, int shapeFrom, int shapeTo, int colourFrom, int colourTo,
                            double scoreThreshold, double nmsIou, double peakBoxIou) {

    public static DenseHeadSpec fromManifest(JsonNode dense, String source) {
        if (dense == null || !dense.isObject()) {
            throw new Int8CalibrationException(source + ": no 'dense_head' object; the dense-head agreement check needs it");
        }
        JsonNode grid = dense.path("grid");
        JsonNode layout = dense.path("layout");
        if (!grid.path("rows").isInt() || !grid.path("cols").isInt() || !layout.path("shape").isArray() || !layout.path("colour").isArray()) {
            throw new Int8CalibrationException(source + ": dense_head needs grid.rows, grid.cols, layout.shape and layout.colour");
        }
        return new DenseHeadSpec(grid.get("rows").asInt(), grid.get("cols").asInt(), dense.path("channels").asInt(13),
            layout.get("shape").get(0).asInt(), layout.get("shape").get(1).asInt(),
            layout.get("colour").get(0).asInt(), layout.get("colour").get(1).asInt(),
            dense.path("score_threshold").asDouble(0.05), dense.path("nms_iou_per_label").asDouble(0.6),
            dense.path("peak_box_iou").asDouble(0.0));
    }
}
