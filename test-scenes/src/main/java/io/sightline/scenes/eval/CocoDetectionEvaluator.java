package io.sightline.scenes.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Detection average precision by the COCO algorithm (pycocotools {@code COCOeval}, bbox, area "all", no
 * crowd regions), re-implemented because pycocotools is not packaged here:
 *
 * <ul>
 *   <li>Per frame and class, detections are sorted by descending score and cut to the best
 *       {@link #MAX_DETECTIONS}; each, in that order, takes the still unmatched ground-truth box of its class
 *       with the highest IoU, provided that IoU is at least the threshold (IoU exactly at the threshold
 *       matches, as in COCO's {@code if ious < iou: continue}). A detection left unmatched is a false positive,
 *       including a second detection of an already matched box and any detection in a frame without ground
 *       truth of its class.</li>
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
        // [threshold] -> is each detection of `ranked` a true positive there
        List<List<Boolean>> flags = new ArrayList<>();
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            flags.add(new ArrayList<>());
        }
        for (DetectionFrame frame : frames) {
            List<LabelledBox> gts = frame.groundTruth().stream().filter(g -> g.label().equals(label)).toList();
            List<ScoredBox> dets = sortedDetections(frame, label);
            gtCount += gts.size();
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                int[] match = match(dets, gts, IOU_THRESHOLDS[t]);
                for (int m : match) {
                    flags.get(t).add(m >= 0);
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
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            List<Boolean> f = flags.get(t);
            boolean[] isTp = new boolean[order.length];
            for (int r = 0; r < order.length; r++) {
                isTp[r] = f.get(order[r]);
                tps[t] += isTp[r] ? 1 : 0;
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
        return new ClassAp(label, gtCount, ranked.size(), ap, tps, curve50);
    }

    /** This frame's detections of {@code label}, by descending score (stable), at most MAX_DETECTIONS. */
    private static List<ScoredBox> sortedDetections(DetectionFrame frame, String label) {
        List<ScoredBox> dets = new ArrayList<>(frame.detections().stream().filter(d -> d.label().equals(label)).toList());
        dets.sort(Comparator.comparingDouble(d -> -d.score())); // List.sort is stable
        return dets.size() > MAX_DETECTIONS ? dets.subList(0, MAX_DETECTIONS) : dets;
    }

    /**
     * Greedy matching of score-sorted detections to ground truth of one class in one frame: for each
     * detection, the index of the unmatched ground-truth box with the highest IoU at or above
     * {@code threshold} (the first such box on equal IoU), or -1.
     */
    static int[] match(List<ScoredBox> sortedDetections, List<LabelledBox> groundTruth, double threshold) {
        boolean[] taken = new boolean[groundTruth.size()];
        int[] result = new int[sortedDetections.size()];
        for (int d = 0; d < result.length; d++) {
            int best = -1;
            double bestIou = threshold;
            for (int g = 0; g < taken.length; g++) {
                if (taken[g]) {
                    continue;
                }
                double iou = sortedDetections.get(d).box().iou(groundTruth.get(g).box());
                if (iou >= bestIou && (best < 0 || iou > bestIou)) {
                    best = g;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                taken[best] = true;
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
