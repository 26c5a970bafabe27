package io.sightline.scenes.eval;

import java.util.List;

/**
 * One class's COCO result.
 *
 * @param label          class label
 * @param groundTruth    number of ground-truth boxes of the class over all frames
 * @param detections     number of detections of the class that were scored (at most
 *                       {@link CocoDetectionEvaluator#MAX_DETECTIONS} per frame)
 * @param apPerThreshold AP at each of {@link CocoDetectionEvaluator#IOU_THRESHOLDS}; -1 everywhere when
 *                       the class has no ground truth (COCO's marker for "excluded from the mean")
 * @param truePositives  true positives at each threshold
 * @param prCurve50      the interpolated precision at the 101 recall points, at IoU 0.5 (empty when excluded)
 */
public record ClassAp(String label, int groundTruth, int detections, double[] apPerThreshold, int[] truePositives,
                      List<PrPoint> prCurve50) {
    public ClassAp {
        apPerThreshold = apPerThreshold.clone();
        truePositives = truePositives.clone();
        prCurve50 = List.copyOf(prCurve50);
    }

    /** False when the class has no ground truth: COCO leaves it out of every mean. */
    public boolean scored() {
        return groundTruth > 0;
    }

    public double ap50() {
        return apPerThreshold[0];
    }

    /** AP@[.5:.95]: the mean over the ten thresholds; -1 when not scored. */
    public double ap50To95() {
        if (!scored()) {
            return -1;
        }
        double sum = 0;
        for (double ap : apPerThreshold) {
            sum += ap;
        }
        return sum / apPerThreshold.length;
    }

    @Override
    public double[] apPerThreshold() {
        return apPerThreshold.clone();
    }

    @Override
    public int[] truePositives() {
        return truePositives.clone();
    }
}
