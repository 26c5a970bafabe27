package io.sightline.scenes.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Precision, recall and F1 of the detections kept at each score threshold, all classes and images pooled, matched
 * as {@link CocoDetectionEvaluator} does at IoU 0.5 (per image and class, greedy in score order, at most
 * {@link CocoDetectionEvaluator#MAX_DETECTIONS}; crowd regions ignored). Greedy matching in score order gives a
 * detection the same match whatever lower-scoring detections are dropped, so one matching serves every threshold.
 *
 * <p>The rule that picks a pack's publish threshold ({@link #best}): on the validation split, the threshold of
 * {@link #GRID} with the highest pooled F1; on equal F1 the higher threshold (fewer boxes for the same quality).
 */
public final class ThresholdSweep {
    /** IoU at which a kept detection counts as finding an object. */
    public static final double IOU = 0.5;
    /** The candidate thresholds: 0.05, 0.10, ..., 0.95. */
    public static final List<Double> GRID = grid();

    private final List<Double> truePositiveScores = new ArrayList<>();
    private final List<Double> falsePositiveScores = new ArrayList<>();
    private final int objects;

    public ThresholdSweep(List<DetectionFrame> frames) {
        int count = 0;
        for (DetectionFrame frame : frames) {
            TreeSet<String> labels = new TreeSet<>();
            frame.groundTruth().forEach(g -> labels.add(g.label()));
            frame.detections().forEach(d -> labels.add(d.label()));
            for (String label : labels) {
                List<LabelledBox> gts = frame.groundTruth().stream().filter(g -> g.label().equals(label)).toList();
                count += (int) gts.stream().filter(g -> !g.crowd()).count();
                List<ScoredBox> dets = new ArrayList<>(frame.detections().stream().filter(d -> d.label().equals(label)).toList());
                dets.sort(Comparator.comparingDouble(d -> -d.score()));
                if (dets.size() > CocoDetectionEvaluator.MAX_DETECTIONS) {
                    dets = dets.subList(0, CocoDetectionEvaluator.MAX_DETECTIONS);
                }
                int[] match = CocoDetectionEvaluator.match(dets, gts, IOU);
                for (int i = 0; i < match.length; i++) {
                    if (match[i] >= 0) {
                        truePositiveScores.add(dets.get(i).score());
                    } else if (match[i] == CocoDetectionEvaluator.UNMATCHED) {
                        falsePositiveScores.add(dets.get(i).score());
                    }
                }
            }
        }
        objects = count;
    }

    /** The detections scoring at least {@code threshold}. */
    public OperatingPoint at(double threshold) {
        int tp = (int) truePositiveScores.stream().filter(s -> s >= threshold).count();
        int fp = (int) falsePositiveScores.stream().filter(s -> s >= threshold).count();
        return new OperatingPoint(threshold, tp, fp, objects - tp);
    }

    /** Every threshold of {@link #GRID}, ascending. */
    public List<OperatingPoint> points() {
        return GRID.stream().map(this::at).toList();
    }

    /** The grid threshold with the highest F1, the higher threshold on equal F1. */
    public OperatingPoint best() {
        OperatingPoint best = null;
        for (OperatingPoint p : points()) {
            if (best == null || p.f1() >= best.f1()) {
                best = p;
            }
        }
        return best;
    }

    private static List<Double> grid() {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            g.add(i / 20.0);
        }
        return List.copyOf(g);
    }
}
