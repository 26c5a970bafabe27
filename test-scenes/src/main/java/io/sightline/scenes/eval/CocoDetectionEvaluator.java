package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Detection average precision by the COCO algorithm (pycocotools {@code COCOeval}, bbox, area "all"),
 * re-implemented because pycocotools is not packaged here:
 *
 * <ul>
 *   <li>Per frame and class, detections are sorted by descending score and cut to the best
 *       {@link #MAX_DETECTIONS}; each, in that order, takes the still unmatched ground-truth box of its class
 *       with the highest IoU, provided that IoU is at least the threshold (IoU exactly at the threshold
 *       matches, as in COCO's {@code if ious < iou: continue}). A detection left unmatched is a false positive,
 *       including a second detection of an already matched box and any detection in a frame without ground
 *       truth of its class.</li>
 *   <li>Crowd regions ({@link LabelledBox#crowd()}, COCO's {@code iscrowd}) are not ground truth: they do not count
 *       towards recall, and a detection that matches no object but overlaps a crowd region of its class by at
 *       least the threshold (intersection over the detection's area, as COCO) is ignored: neither true nor false
 *       positive, left out of the ranking. A crowd region takes any number of detections.</li>
 *   <li>Per class, all frames' detections are ranked by descending score. Ties keep input order: frame
 *       order, then the order within the frame (COCO uses a stable mergesort the same way). The cumulative
 *       true and false positives give recall {@code tp / gt} and precision {@code tp / (tp + fp)}.</li>
 *   <li>Precision is made monotone (each point takes the maximum precision at any higher recall) and read
 *       at the 101 recall points {@code r = i / 100}: the precision at the first rank whose recall reaches
 *       {@code r}, or 0 when recall never reaches it. AP is the mean of the 101 values.</li>
 *   <li>At each of the ten IoU thresholds {@code 0.50, 0.55, ..., 0.95} (computed as {@code (10 + i) / 20}
 *       so that 0.75 is exact). A class with no ground truth gets AP -1 and stays out of every mean.</li>
 * </ul>
 */
public final class CocoDetectionEvaluator {
    /** COCO's maxDets for the headline numbers. */
    public static final int MAX_DETECTIONS = 100;
    public static final double[] IOU_THRESHOLDS = thresholds();
    /** Number of recall points of the interpolated precision. */
    public static final int RECALL_POINTS = 101;
    /** {@link #match} result of a detection that matched only a crowd region: ignored. */
    static final int IGNORED = -2;
    /** {@link #match} result of a detection that matched nothing: a false positive. */
    static final int UNMATCHED = -1;

    /** Evaluates every class that appears in ground truth or detections. */
    public DetectionMetrics evaluate(List<DetectionFrame> frames) {
        TreeSet<String> labels = new TreeSet<>();
        for (DetectionFrame f : frames) {
            f.groundTruth().forEach(g -> labels.add(g.label()));
            f.detections().forEach(d -> labels.add(d.label()));
        }
        Map<String, ClassAp> perClass = new HashMap<>();
        for (String label : labels) {
            perClass.put(label, evaluateClass(label, frames));
        }
        return new DetectionMetrics(perClass);
    }

    private ClassAp evaluateClass(String label, List<DetectionFrame> frames) {
        int gtCount = 0;
        // Per-frame sorted detections of this class, concatenated in frame order.
        List<ScoredBox> ranked = new ArrayList<>();
        // [threshold] -> each detection of `ranked`: the match() result (>= 0 true positive, UNMATCHED, IGNORED)
        List<List<Integer>> flags = new ArrayList<>();
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            flags.add(new ArrayList<>());
        }
        for (DetectionFrame frame : frames) {
            List<LabelledBox> gts = frame.groundTruth().stream().filter(g -> g.label().equals(label)).toList();
            List<ScoredBox> dets = sortedDetections(frame, label);
            gtCount += (int) gts.stream().filter(g -> !g.crowd()).count();
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                for (int m : match(dets, gts, IOU_THRESHOLDS[t])) {
                    flags.get(t).add(m);
                }
            }
            ranked.addAll(dets);
        }
        double[] ap = new double[IOU_THRESHOLDS.length];
        int[] tps = new int[IOU_THRESHOLDS.length];
        List<PrPoint> curve50 = List.of();
        // Global rank: stable sort of the concatenation by descending score.
        Integer[] order = new Integer[ranked.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -ranked.get(i).score()));
        int scored = order.length;
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            boolean[] isTp = rankedOutcomes(order, flags.get(t));
            if (t == 0) {
                scored = isTp.length;
            }
            for (boolean tp : isTp) {
                tps[t] += tp ? 1 : 0;
            }
            if (gtCount == 0) {
                ap[t] = -1;
                continue;
            }
            double[] interpolated = interpolatedPrecision(isTp, gtCount);
            ap[t] = Arrays.stream(interpolated).average().orElse(0);
            if (t == 0) {
                List<PrPoint> points = new ArrayList<>(RECALL_POINTS);
                for (int i = 0; i < RECALL_POINTS; i++) {
                    points.add(new PrPoint(recallPoint(i), interpolated[i]));
                }
                curve50 = points;
            }
        }
        return new ClassAp(label, gtCount, scored, ap, tps, curve50);
    }

    /** True/false positive of each ranked detection, ignored ones (on a crowd region) left out. */
    private static boolean[] rankedOutcomes(Integer[] order, List<Integer> matches) {
        return toArray(Arrays.stream(order).map(matches::get).filter(m -> m != IGNORED).map(m -> m >= 0).toList());
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** This frame's detections of {@code label}, by descending score (stable), at most MAX_DETECTIONS. */
    private static List<ScoredBox> sortedDetections(DetectionFrame frame, String label) {
        List<ScoredBox> dets = new ArrayList<>(frame.detections().stream().filter(d -> d.label().equals(label)).toList());
        dets.sort(Comparator.comparingDouble(d -> -d.score())); // List.sort is stable
        return dets.size() > MAX_DETECTIONS ? dets.subList(0, MAX_DETECTIONS) : dets;
    }

    /**
     * Greedy matching of score-sorted detections to ground truth of one class in one frame: for each
     * detection, the index of the unmatched object (not crowd) with the highest IoU at or above
     * {@code threshold} (the first such box on equal IoU); else {@link #IGNORED} when a crowd region overlaps it
     * by at least {@code threshold} ({@link LabelledBox#overlap}); else {@link #UNMATCHED}.
     */
    static int[] match(List<ScoredBox> sortedDetections, List<LabelledBox> groundTruth, double threshold) {
        boolean[] taken = new boolean[groundTruth.size()];
        int[] result = new int[sortedDetections.size()];
        for (int d = 0; d < result.length; d++) {
            Box2D det = sortedDetections.get(d).box();
            int best = UNMATCHED;
            double bestIou = threshold;
            for (int g = 0; g < taken.length; g++) {
                if (taken[g] || groundTruth.get(g).crowd()) {
                    continue;
                }
                double iou = groundTruth.get(g).overlap(det);
                if (iou >= bestIou && (best < 0 || iou > bestIou)) {
                    best = g;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                taken[best] = true;
            } else if (groundTruth.stream().anyMatch(g -> g.crowd() && g.overlap(det) >= threshold)) {
                best = IGNORED;
            }
            result[d] = best;
        }
        return result;
    }

    /** The monotone precision envelope read at the 101 recall points. */
    static double[] interpolatedPrecision(boolean[] rankedTp, int gtCount) {
        int n = rankedTp.length;
        double[] recall = new double[n];
        double[] precision = new double[n];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            tp += rankedTp[i] ? 1 : 0;
            recall[i] = (double) tp / gtCount;
            precision[i] = (double) tp / (i + 1);
        }
        for (int i = n - 1; i > 0; i--) {
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        double[] q = new double[RECALL_POINTS];
        int rank = 0;
        for (int p = 0; p < RECALL_POINTS; p++) {
            double r = recallPoint(p);
            // Recall never decreases along the ranking, so the first rank reaching r only moves forward.
            while (rank < n && recall[rank] < r) {
                rank++;
            }
            q[p] = rank < n ? precision[rank] : 0;
        }
        return q;
    }

    static double recallPoint(int i) {
        return i / 100.0;
    }

    private static double[] thresholds() {
        double[] t = new double[10];
        for (int i = 0; i < t.length; i++) {
            t[i] = (10 + i) / 20.0;
        }
        return t;
    }
}
