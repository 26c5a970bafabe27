package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import java.util.Objects;

/**
 * A ground-truth box with the class label it is scored under ("red cup", or "cup" when scoring shapes only).
 *
 * @param crowd a group of objects that cannot be told apart (COCO's {@code iscrowd}): not counted as ground truth,
 *              and a detection that falls on it is ignored rather than a false positive ({@link CocoDetectionEvaluator})
 */
public record LabelledBox(String label, Box2D box, boolean crowd) {
    public LabelledBox {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
    }

    /** An ordinary (not crowd) object. */
    public LabelledBox(String label, Box2D box) {
        this(label, box, false);
    }

    /**
     * The overlap the matching uses: IoU for an object, and for a crowd region COCO's intersection over the
     * detection's area (a detection of one member of the group covers little of the group's box).
     */
    public double overlap(Box2D detection) {
        if (!crowd) {
            return detection.iou(box);
        }
        double iw = Math.min(detection.xMax(), box.xMax()) - Math.max(detection.xMin(), box.xMin());
        double ih = Math.min(detection.yMax(), box.yMax()) - Math.max(detection.yMin(), box.yMin());
        return iw <= 0 || ih <= 0 || detection.area() <= 0 ? 0 : iw * ih / detection.area();
    }
}
