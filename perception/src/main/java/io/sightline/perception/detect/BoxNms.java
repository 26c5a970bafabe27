package io.sightline.perception.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The greedy NMS and the IoU every head's decoder uses (as {@code models/training/vlm/dense.py}). */
final class BoxNms {
    private BoxNms() {
    }

    /**
     * Greedy NMS over candidates of one label, given best first: a box is dropped when its IoU with a kept one is
     * at least {@code iouThreshold} (dense.py nms).
     */
    static <T> List<T> greedy(List<T> sorted, Function<T, double[]> box, double iouThreshold) {
        List<T> order = new ArrayList<>(sorted);
        List<T> keep = new ArrayList<>();
        while (!order.isEmpty()) {
            T best = order.remove(0);
            keep.add(best);
            double[] b = box.apply(best);
            order.removeIf(o -> iou(b, box.apply(o)) >= iouThreshold);
        }
        return keep;
    }

    /** IoU of xyxy boxes with the union floored at 1e-9 like box_iou_pairwise. */
    static double iou(double[] a, double[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double areaA = Math.max(0, a[2] - a[0]) * Math.max(0, a[3] - a[1]);
        double areaB = Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
        return inter / Math.max(areaA + areaB - inter, 1e-9);
    }
}
