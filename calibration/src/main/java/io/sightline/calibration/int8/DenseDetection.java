package io.sightline.calibration.int8;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One dense-head detection, decoded exactly as the manifest describes (sigmoid objectness, softmax over the
 * shape and colour slices, 3x3 peaks with the peak_box_iou exception, score threshold, per-label NMS) — enough to compare two encoders.
 *
 * @param x0 normalised box
 * @param shape  argmax shape index
 * @param colour argmax colour index
 */
public record DenseDetection(float x0, float y0, float x1, float y1, int shape, int colour, double score) {

    public static List<DenseDetection> decode(float[] logits, float[] boxes, DenseHeadSpec spec) {
        int tokens = spec.rows() * spec.cols();
        int c = spec.channels();
        if (logits.length != tokens * c || boxes.length != tokens * 4) {
            throw new Int8CalibrationException("dense head outputs have " + logits.length + " logits and " + boxes.length
                + " box values; the manifest's grid " + spec.rows() + "x" + spec.cols() + "x" + c + " needs " + tokens * c + " and " + tokens * 4);
        }
        List<DenseDetection> candidates = new ArrayList<>();
        for (int r = 0; r < spec.rows(); r++) {
            for (int col = 0; col < spec.cols(); col++) {
                int t = r * spec.cols() + col;
                float obj = logits[t * c];
                if (!isPeak(logits, boxes, spec, r, col, obj)) {
                    continue;
                }
                int shape = argmax(logits, t * c + spec.shapeFrom(), t * c + spec.shapeTo());
                int colour = argmax(logits, t * c + spec.colourFrom(), t * c + spec.colourTo());
                double score = sigmoid(obj) * maxSoftmax(logits, t * c + spec.shapeFrom(), t * c + spec.shapeTo())
                    * maxSoftmax(logits, t * c + spec.colourFrom(), t * c + spec.colourTo());
                if (score >= spec.scoreThreshold()) {
                    candidates.add(new DenseDetection(boxes[t * 4], boxes[t * 4 + 1], boxes[t * 4 + 2], boxes[t * 4 + 3],
                        shape - t * c - spec.shapeFrom(), colour - t * c - spec.colourFrom(), score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(DenseDetection::score).reversed());
        List<DenseDetection> kept = new ArrayList<>();
        for (DenseDetection d : candidates) {
            boolean suppressed = kept.stream().anyMatch(k -> k.sameLabel(d) && k.iou(d) > spec.nmsIou());
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    public boolean sameLabel(DenseDetection o) {
        return shape == o.shape && colour == o.colour;
    }

    public double iou(DenseDetection o) {
        double ix = Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0));
        double iy = Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
        double inter = ix * iy;
        double union = (x1 - x0) * (y1 - y0) + (o.x1 - o.x0) * (o.y1 - o.y0) - inter;
        return union > 0 ? inter / union : 0;
    }

    private static boolean isPeak(float[] logits, float[] boxes, DenseHeadSpec spec, int r, int col, float obj) {
        DenseDetection self = boxOf(boxes, r * spec.cols() + col);
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int rr = r + dr;
                int cc = col + dc;
                if ((dr != 0 || dc != 0) && rr >= 0 && cc >= 0 && rr < spec.rows() && cc < spec.cols()
                    && logits[(rr * spec.cols() + cc) * spec.channels()] > obj
                    && self.iou(boxOf(boxes, rr * spec.cols() + cc)) >= spec.peakBoxIou()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Token t's box clipped to 0..1 (as dense.py's peak rule sees it); label and score unused. */
    private static DenseDetection boxOf(float[] boxes, int t) {
        return new DenseDetection(clip(boxes[4 * t]), clip(boxes[4 * t + 1]), clip(boxes[4 * t + 2]), clip(boxes[4 * t + 3]), -1, -1, 0);
    }

    private static float clip(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    private static int argmax(float[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double maxSoftmax(float[] v, int from, int to) {
        double max = v[argmax(v, from, to)];
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(v[i] - max);
        }
        return 1 / sum;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
