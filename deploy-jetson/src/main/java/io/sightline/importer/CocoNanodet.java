package io.sightline.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coco-nanodet pack is: NanoDet's TF.js tensors and the ONNX names they get, the per-stride levels of its
 * GFL head, the 80 COCO labels in the model's order and NanoDet's own preprocessing (BGR, mean/std of its training).
 */
final class CocoNanodet {
    static final String PACK_NAME = "coco-nanodet";
    static final int SIZE = 416;
    static final int CLASSES = 80;
    static final int REG_MAX = 10;
    static final int DISTANCE_CHANNELS = 4 * (REG_MAX + 1);
    static final String INPUT = "images";
    static final String TF_INPUT = "input_1:0";
    /** The head's full curve: every class scoring at least this is a candidate (eval's AP is computed over it). */
    static final double SCORE_THRESHOLD = 0.05;
    /**
     * The operating point ({@code head.publish_threshold}: what run and detect publish), chosen on the VALIDATION split
     * of test-scenes/real (16 images, then 38 objects) by the rule of {@code ThresholdSweep}, fixed before looking: the
     * threshold of 0.05, 0.10, ..., 0.95 with the highest F1 at IoU 0.5, all classes pooled (the higher on equal F1).
     * {@code sightline eval test-scenes/real --pack models/coco-nanodet --split val} gave F1 0.633 at 0.40
     * (precision 0.610, recall 0.658; next best 0.607 at 0.60). With the car since added to scenetext05 (39 objects,
     * missed by the detector) the choice stands: F1 0.625 at 0.40 (recall 0.641), next best 0.597 at 0.60.
     * Test-split figures: models/README.md.
     */
    static final double PUBLISH_THRESHOLD = 0.40;

    /** One stride of the head: its grid, the TF.js tensors and the ONNX outputs. */
    record Level(int stride, String tfScores, String tfDistances) {
        int cells() {
            return rows() * rows();
        }

        int rows() {
            return SIZE / stride;
        }

        String scores() {
            return "scores_" + stride;
        }

        String distances() {
            return "distances_" + stride;
        }
    }

    static final List<Level> LEVELS = List.of(
        new Level(8, "Identity:0", "Identity_3:0"),
        new Level(16, "Identity_1:0", "Identity_4:0"),
        new Level(32, "Identity_2:0", "Identity_5:0"));

    static final List<String> LABELS = List.of("person", "bicycle", "car", "motorcycle", "airplane", "bus", "train",
        "truck", "boat", "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
        "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie",
        "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove",
        "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl",
        "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
        "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard",
        "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
        "teddy bear", "hair drier", "toothbrush");

    private CocoNanodet() {
    }

    /** TF tensor -> ONNX output, scores first then distances, each by stride. */
    static LinkedHashMap<String, String> outputs() {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        LEVELS.forEach(l -> out.put(l.tfScores(), l.scores()));
        LEVELS.forEach(l -> out.put(l.tfDistances(), l.distances()));
        return out;
    }

    static Map<String, long[]> outputShapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        LEVELS.forEach(l -> out.put(l.scores(), new long[] {1, l.cells(), CLASSES}));
        LEVELS.forEach(l -> out.put(l.distances(), new long[] {1, l.cells(), DISTANCE_CHANNELS}));
        return out;
    }

    static long[] inputShape() {
        return new long[] {1, 3, SIZE, SIZE};
    }
}
