package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.scene.Box2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures whose AP is worked out by hand below (pycocotools is not available to compare against).
 * Notation: ranked detections as TP/FP, cumulative recall rc and precision pr, the monotone envelope env,
 * and the 101 recall points r = 0.00, 0.01, ..., 1.00, each reading env at the first rank with rc >= r.
 */
class CocoDetectionEvaluatorTest {
    private static final double EPS = 1e-12;
    private final CocoDetectionEvaluator evaluator = new CocoDetectionEvaluator();

    private static Box2D box(double x0, double y0, double x1, double y1) {
        return new Box2D(x0, y0, x1, y1);
    }

    private static LabelledBox gt(String label, Box2D b) {
        return new LabelledBox(label, b);
    }

    private static ScoredBox det(String label, double score, Box2D b) {
        return new ScoredBox(label, score, b);
    }

    private static final Box2D G1 = box(0, 0, 10, 10);
    private static final Box2D G2 = box(20, 0, 30, 10);
    private static final Box2D FAR = box(100, 100, 110, 110);

    @Test
    void perfectDetectorHasApOneAtEveryThreshold() {
        // Every GT found exactly (IoU 1): rc = 0.5, 1; pr = 1, 1 -> every recall point reads 1 -> AP 1.
        DetectionMetrics m = evaluator.evaluate(List.of(
            new DetectionFrame(List.of(gt("red cup", G1)), List.of(det("red cup", 0.9, G1))),
            new DetectionFrame(List.of(gt("red cup", G2), gt("blue cube", G1)),
                List.of(det("red cup", 0.8, G2), det("blue cube", 0.7, G1)))));
        assertThat(m.map50().getAsDouble()).isCloseTo(1.0, within(EPS));
        assertThat(m.map50To95().getAsDouble()).isCloseTo(1.0, within(EPS));
        assertThat(m.perClass().get("red cup").apPerThreshold()).containsOnly(1.0);
        assertThat(m.perClass().get("red cup").groundTruth()).isEqualTo(2);
    }

    @Test
    void falsePositiveRankedAboveTruePositive() {
        // 2 GT; ranked: TP(0.9) FP(0.8) TP(0.7).
        // rc = 0.5, 0.5, 1; pr = 1, 1/2, 2/3; env = 1, 2/3, 2/3.
        // r = 0.00..0.50 (51 points) -> rank 0 -> 1; r = 0.51..1.00 (50 points) -> rank 2 -> 2/3.
        // AP = (51 * 1 + 50 * 2/3) / 101 = 84.333.../101 = 0.834983...
        double expected = (51 * 1.0 + 50 * (2.0 / 3)) / 101;
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("a", G2)),
            List.of(det("a", 0.7, G2), det("a", 0.9, G1), det("a", 0.8, FAR)))));
        assertThat(m.perClass().get("a").ap50()).isCloseTo(expected, within(EPS));
        assertThat(m.map50().getAsDouble()).isCloseTo(expected, within(EPS));
    }

    @Test
    void singleFalsePositiveAboveTheOnlyTruePositiveHalvesAp() {
        // 1 GT; ranked FP(0.9) TP(0.8): rc = 0, 1; pr = 0, 1/2; env = 1/2, 1/2 -> all 101 points 1/2 -> AP 0.5.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1)), List.of(det("a", 0.9, FAR), det("a", 0.8, G1)))));
        assertThat(m.map50().getAsDouble()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void scoreTiesKeepInputOrder() {
        // 2 GT; the FP and the first TP share score 0.8, the FP listed first.
        // Stable ranking: FP, TP, TP(0.5): rc = 0, 0.5, 1; pr = 0, 1/2, 2/3; env = 2/3, 2/3, 2/3 -> AP 2/3.
        DetectionMetrics fpFirst = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("a", G2)),
            List.of(det("a", 0.8, FAR), det("a", 0.8, G1), det("a", 0.5, G2)))));
        assertThat(fpFirst.map50().getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        // Same boxes, TP listed first: TP, FP, TP -> the 0.834983 case above.
        DetectionMetrics tpFirst = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("a", G2)),
            List.of(det("a", 0.8, G1), det("a", 0.8, FAR), det("a", 0.5, G2)))));
        assertThat(tpFirst.map50().getAsDouble()).isCloseTo((51 + 50 * (2.0 / 3)) / 101, within(EPS));
    }

    @Test
    void tiesAcrossFramesRankEarlierFramesFirst() {
        // Frame 0 holds an FP at 0.8, frame 1 a TP at 0.8 (its GT is the only one): FP, TP -> AP 0.5.
        // Swapping the frames gives TP, FP -> rc = 1, 1; pr = 1, 1/2 -> AP 1.
        DetectionFrame withFp = new DetectionFrame(List.of(), List.of(det("a", 0.8, FAR)));
        DetectionFrame withTp = new DetectionFrame(List.of(gt("a", G1)), List.of(det("a", 0.8, G1)));
        assertThat(evaluator.evaluate(List.of(withFp, withTp)).map50().getAsDouble()).isCloseTo(0.5, within(EPS));
        assertThat(evaluator.evaluate(List.of(withTp, withFp)).map50().getAsDouble()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void duplicateDetectionOfOneBoxIsAFalsePositive() {
        // 2 GT; ranked: TP on G1 (0.9), duplicate on G1 (0.8, IoU 1 but G1 already taken -> FP), TP on G2 (0.7).
        // Same ranking as the FP-above-TP case: AP = (51 + 50 * 2/3) / 101.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("a", G2)),
            List.of(det("a", 0.9, G1), det("a", 0.8, box(0, 0, 10, 9)), det("a", 0.7, G2)))));
        assertThat(m.perClass().get("a").ap50()).isCloseTo((51 + 50 * (2.0 / 3)) / 101, within(EPS));
        assertThat(m.perClass().get("a").truePositives()[0]).isEqualTo(2);
        assertThat(m.perClass().get("a").detections()).isEqualTo(3);
    }

    @Test
    void classWithGroundTruthButNoDetectionsCountsAsZero() {
        // "a" perfect (AP 1), "b" never detected: rc stays 0 -> every point reads 0 -> AP 0. mAP = (1 + 0) / 2.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("b", G2)), List.of(det("a", 0.9, G1)))));
        assertThat(m.perClass().get("b").ap50()).isEqualTo(0.0);
        assertThat(m.perClass().get("b").prCurve50()).hasSize(101).allMatch(p -> p.precision() == 0);
        assertThat(m.map50().getAsDouble()).isCloseTo(0.5, within(EPS));
        assertThat(m.map50To95().getAsDouble()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void classWithDetectionsButNoGroundTruthIsExcluded() {
        // "c" has no GT anywhere: AP -1 (COCO's marker), left out; mAP is "a" alone = 1.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1)), List.of(det("a", 0.9, G1), det("c", 0.95, G2)))));
        ClassAp c = m.perClass().get("c");
        assertThat(c.scored()).isFalse();
        assertThat(c.apPerThreshold()).containsOnly(-1.0);
        assertThat(c.ap50To95()).isEqualTo(-1.0);
        assertThat(c.prCurve50()).isEmpty();
        assertThat(m.map50().getAsDouble()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void noGroundTruthAtAllLeavesTheMeanUndefined() {
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(List.of(), List.of(det("c", 0.5, G1)))));
        assertThat(m.map50()).isEmpty();
        assertThat(m.map50To95()).isEmpty();
    }

    @Test
    void iouExactlyAtThresholdMatches() {
        // GT [0,4]x[0,1] (area 4) vs detection [0,3]x[0,1] (area 3): IoU = 3 / 4 = 0.75 exactly.
        // Thresholds 0.50 .. 0.75 (6 of them) match -> AP 1; 0.80 .. 0.95 (4) -> FP only, rc 0 -> AP 0.
        // AP@[.5:.95] = 6 / 10 = 0.6.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", box(0, 0, 4, 1))), List.of(det("a", 0.9, box(0, 0, 3, 1))))));
        assertThat(m.perClass().get("a").apPerThreshold()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(m.map50To95().getAsDouble()).isCloseTo(0.6, within(EPS));
        // [0,2]x[0,1] vs [0,1]x[0,1]: IoU = 1 / 2 = 0.5 exactly: matches at 0.50 only -> AP@[.5:.95] = 0.1.
        DetectionMetrics half = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", box(0, 0, 2, 1))), List.of(det("a", 0.9, box(0, 0, 1, 1))))));
        assertThat(half.map50().getAsDouble()).isEqualTo(1.0);
        assertThat(half.map50To95().getAsDouble()).isCloseTo(0.1, within(EPS));
    }

    @Test
    void emptyFramesChangeNothingButDetectionsInThemAreFalsePositives() {
        // Frame 0: GT + TP(0.9). Frame 1: nothing. -> AP 1.
        DetectionFrame hit = new DetectionFrame(List.of(gt("a", G1)), List.of(det("a", 0.9, G1)));
        DetectionFrame empty = new DetectionFrame(List.of(), List.of());
        assertThat(evaluator.evaluate(List.of(hit, empty, empty)).map50().getAsDouble()).isCloseTo(1.0, within(EPS));
        // Frame 2: no GT of "a" but an "a" detection at 0.95 (on the box where frame 0 had its GT):
        // ranked FP(0.95) TP(0.9): rc = 0, 1; pr = 0, 1/2; env = 1/2, 1/2 -> AP 0.5.
        DetectionFrame stray = new DetectionFrame(List.of(), List.of(det("a", 0.95, G1)));
        assertThat(evaluator.evaluate(List.of(hit, empty, stray)).map50().getAsDouble()).isCloseTo(0.5, within(EPS));
        assertThat(evaluator.evaluate(List.of()).perClass()).isEmpty();
    }

    @Test
    void lowRecallReadsZeroBeyondTheLastRecall() {
        // 4 GT, one TP(0.9): rc = 0.25, pr = 1. r = 0.00..0.25 (26 points) -> 1; r = 0.26..1 (75) -> 0.
        // AP = 26 / 101.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1), gt("a", G2), gt("a", box(40, 0, 50, 10)), gt("a", box(60, 0, 70, 10))),
            List.of(det("a", 0.9, G1)))));
        assertThat(m.map50().getAsDouble()).isCloseTo(26.0 / 101, within(EPS));
        assertThat(m.perClass().get("a").prCurve50().get(25)).isEqualTo(new PrPoint(0.25, 1.0));
        assertThat(m.perClass().get("a").prCurve50().get(26)).isEqualTo(new PrPoint(0.26, 0.0));
    }

    @Test
    void greedyMatchTakesTheHighestIouAmongUnmatchedBoxes() {
        // g0 = [0,10], g1 = [2,12] (height 10). d0 = [1.5,11.5]: IoU(g0) = 85/115 = 0.739, IoU(g1) = 95/105 = 0.905
        // -> g1. d1 = [0,10] (lower score): g1 taken, IoU(g0) = 1 -> g0.
        List<LabelledBox> gts = List.of(gt("a", box(0, 0, 10, 10)), gt("a", box(2, 0, 12, 10)));
        List<ScoredBox> dets = List.of(det("a", 0.9, box(1.5, 0, 11.5, 10)), det("a", 0.8, box(0, 0, 10, 10)));
        assertThat(CocoDetectionEvaluator.match(dets, gts, 0.5)).containsExactly(1, 0);
        // At 0.95 only d1 <-> g0 qualifies.
        assertThat(CocoDetectionEvaluator.match(dets, gts, 0.95)).containsExactly(-1, 0);
        // A wrong-class box is never offered: the evaluator filters by label before matching.
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(
            List.of(gt("a", G1)), List.of(det("b", 0.9, G1)))));
        assertThat(m.perClass().get("a").ap50()).isEqualTo(0.0);
    }

    @Test
    void onlyTheBestHundredDetectionsPerFrameAndClassCount() {
        // 1 GT; 100 FPs at 0.9 and the TP at 0.1: the TP is the 101st and is cut -> AP 0.
        List<ScoredBox> dets = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dets.add(det("a", 0.9, box(100 + i, 100, 101 + i, 101)));
        }
        dets.add(det("a", 0.1, G1));
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(List.of(gt("a", G1)), dets)));
        assertThat(m.perClass().get("a").ap50()).isEqualTo(0.0);
        assertThat(m.perClass().get("a").detections()).isEqualTo(100);
    }

    @Test
    void thresholdsAreTheTenCocoValues() {
        assertThat(CocoDetectionEvaluator.IOU_THRESHOLDS)
            .containsExactly(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95);
    }

    @Test
    void aDetectionOnACrowdRegionIsIgnoredNotAFalsePositive() {
        // 1 object G1 and a crowd region [20,0,60,40]. Ranked: on-crowd (0.95, inside the crowd: overlap 1),
        // TP on G1 (0.9). Without crowd handling the first is an FP: rc 0, 1; pr 0, 1/2 -> AP 0.5.
        // With it the crowd detection leaves the ranking: TP alone -> AP 1. The crowd is no ground truth.
        LabelledBox crowd = new LabelledBox("person", box(20, 0, 60, 40), true);
        List<ScoredBox> dets = List.of(det("person", 0.95, box(22, 2, 30, 20)), det("person", 0.9, G1));
        DetectionMetrics withCrowd = evaluator.evaluate(List.of(new DetectionFrame(List.of(gt("person", G1), crowd), dets)));
        assertThat(withCrowd.perClass().get("person").ap50()).isCloseTo(1.0, within(EPS));
        assertThat(withCrowd.perClass().get("person").groundTruth()).isEqualTo(1);
        assertThat(withCrowd.perClass().get("person").detections()).isEqualTo(1);
        DetectionMetrics plain = evaluator.evaluate(List.of(new DetectionFrame(List.of(gt("person", G1)), dets)));
        assertThat(plain.perClass().get("person").ap50()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void crowdOverlapIsIntersectionOverTheDetectionAndObjectsAreMatchedFirst() {
        LabelledBox crowd = new LabelledBox("a", box(0, 0, 100, 100), true);
        // A detection inside the crowd's box: IoU with it 0.01 but COCO's crowd overlap 1 -> ignored.
        assertThat(crowd.overlap(box(0, 0, 10, 10))).isCloseTo(1.0, within(EPS));
        // Half outside: overlap 0.5 -> ignored at 0.5, a false positive at 0.55.
        List<ScoredBox> half = List.of(det("a", 0.9, box(95, 0, 105, 10)));
        assertThat(CocoDetectionEvaluator.match(half, List.of(crowd), 0.5)).containsExactly(CocoDetectionEvaluator.IGNORED);
        assertThat(CocoDetectionEvaluator.match(half, List.of(crowd), 0.55)).containsExactly(CocoDetectionEvaluator.UNMATCHED);
        // An object inside the crowd region takes the detection first (index 1: the object, listed after the crowd);
        // a second detection on it falls to the crowd (ignored), as many as there are.
        List<ScoredBox> two = List.of(det("a", 0.9, G1), det("a", 0.8, G1), det("a", 0.7, G1));
        assertThat(CocoDetectionEvaluator.match(two, List.of(crowd, gt("a", G1)), 0.5))
            .containsExactly(1, CocoDetectionEvaluator.IGNORED, CocoDetectionEvaluator.IGNORED);
        // A class whose only ground truth is a crowd region is not scored (AP -1, left out of the mean).
        DetectionMetrics m = evaluator.evaluate(List.of(new DetectionFrame(List.of(crowd), List.of(det("a", 0.9, G1)))));
        assertThat(m.perClass().get("a").scored()).isFalse();
        assertThat(m.map50()).isEmpty();
    }
}
