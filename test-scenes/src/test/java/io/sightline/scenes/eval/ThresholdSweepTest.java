package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.perception.scene.Box2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The publish-threshold rule on synthetic scores: pooled F1 at IoU 0.5 over the 0.05 grid, the higher on a tie. */
class ThresholdSweepTest {
    private static Box2D box(int i) {
        return new Box2D(20 * i, 0, 20 * i + 10, 10);
    }

    /**
     * Two images. Objects: 4 "cat" in image 0 (boxes 0..3), 2 "dog" in image 1 (boxes 0..1) and a crowd of dogs.
     * Detections: cats 0..3 found at 0.9, 0.8, 0.6, 0.3; false cats at 0.7 and 0.5 (box 9); dog 0 at 0.85, a second
     * box on dog 0 at 0.65 (duplicate: FP), one on the crowd at 0.95 (ignored); dog 1 missed.
     */
    private static List<DetectionFrame> frames() {
        List<ScoredBox> cats = new ArrayList<>();
        double[] found = {0.9, 0.8, 0.6, 0.3};
        for (int i = 0; i < 4; i++) {
            cats.add(new ScoredBox("cat", found[i], box(i)));
        }
        cats.add(new ScoredBox("cat", 0.7, box(9)));
        cats.add(new ScoredBox("cat", 0.5, box(9)));
        List<LabelledBox> catTruth = List.of(new LabelledBox("cat", box(0)), new LabelledBox("cat", box(1)),
            new LabelledBox("cat", box(2)), new LabelledBox("cat", box(3)));
        List<LabelledBox> dogTruth = List.of(new LabelledBox("dog", box(0)), new LabelledBox("dog", box(1)),
            new LabelledBox("dog", new Box2D(200, 0, 300, 50), true));
        List<ScoredBox> dogs = List.of(new ScoredBox("dog", 0.85, box(0)), new ScoredBox("dog", 0.65, box(0)),
            new ScoredBox("dog", 0.95, new Box2D(210, 5, 220, 15)));
        return List.of(new DetectionFrame(catTruth, cats), new DetectionFrame(dogTruth, dogs));
    }

    @Test
    void countsPooledOverClassesAndImagesAtEachThreshold() {
        ThresholdSweep sweep = new ThresholdSweep(frames());
        // >= 0.55: TP cat .9 .8 .6, dog .85 = 4; FP cat .7, dog .65 = 2; 6 objects (crowd not one) -> FN 2.
        OperatingPoint p = sweep.at(0.55);
        assertThat(p.truePositives()).isEqualTo(4);
        assertThat(p.falsePositives()).isEqualTo(2);
        assertThat(p.falseNegatives()).isEqualTo(2);
        assertThat(p.precision().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(p.recall().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(p.f1()).isCloseTo(8.0 / 12, within(1e-12));
        // >= 0.05: everything: TP 5, FP 3 (cat .7 .5, dog .65), FN 1 -> F1 10/14.
        assertThat(sweep.at(0.05)).isEqualTo(new OperatingPoint(0.05, 5, 3, 1));
        // Above every score: nothing kept, precision undefined, F1 0.
        assertThat(sweep.at(0.95 + 0.01).precision()).isEmpty();
        assertThat(sweep.at(0.99).f1()).isZero();
    }

    @Test
    void bestIsTheHighestF1OnTheGridAndTheHigherThresholdOnATie() {
        ThresholdSweep sweep = new ThresholdSweep(frames());
        assertThat(sweep.points()).extracting(OperatingPoint::scoreThreshold).hasSize(19).startsWith(0.05, 0.1).endsWith(0.95);
        // F1 = 2TP / (2TP + FP + FN): 0.05..0.30: 10/14 = 0.714; 0.35..0.50: TP 4, FP 3, FN 2 -> 8/13 = 0.615;
        // 0.55..0.60: 8/12; 0.65: TP 3 (.9 .8 .85), FP 2 (.7 .65), FN 3 -> 6/11; 0.70: 6/10 ...
        // The best F1, 10/14, holds from 0.05 to 0.30: the rule takes the highest of them.
        OperatingPoint best = sweep.best();
        assertThat(best.scoreThreshold()).isEqualTo(0.3);
        assertThat(best.f1()).isCloseTo(10.0 / 14, within(1e-12));
        // Drop the 0.3 cat: 0.05..0.50 give TP 4, FP 3, FN 2 = 8/13; 0.55..0.60 TP 4, FP 2, FN 2 = 8/12; 0.65 6/11;
        // 0.70 6/10; 0.75..0.80 TP 3 (.9 .8 .85), FP 0, FN 3 = 6/9 = 8/12; 0.85 4/8. A tie at 2/3: the higher, 0.80.
        List<DetectionFrame> f = frames();
        DetectionFrame cats = f.get(0);
        DetectionFrame fewer = new DetectionFrame(cats.groundTruth(),
            cats.detections().stream().filter(d -> d.score() != 0.3).toList());
        assertThat(new ThresholdSweep(List.of(fewer, f.get(1))).best().scoreThreshold()).isEqualTo(0.8);
    }
}
