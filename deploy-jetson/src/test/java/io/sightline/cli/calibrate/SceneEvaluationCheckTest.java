package io.sightline.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.quantize.AccuracyVerdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard's verdict from the two runs' metrics (the pipeline run itself is exercised end to end in CalibrateInt8CommandTest). */
class SceneEvaluationCheckTest {
    private static final Path FP32 = Path.of("vision_encoder.onnx");
    private static final Path INT8 = Path.of("vision_encoder_int8.onnx");

    private static AccuracyVerdict verdict(double map32, double acc32, double map8, double acc8, double maxMap, double maxAcc) {
        SceneEvaluationCheck.Scorer scorer = (label, encoder) -> encoder.equals(FP32)
            ? Map.of("detection.map50", map32, "detection.map50_95", 0.5, "grounding.acc50", acc32)
            : Map.of("detection.map50", map8, "detection.map50_95", 0.5, "grounding.acc50", acc8);
        return new SceneEvaluationCheck(3, scorer, maxMap, maxAcc).evaluate(FP32, INT8);
    }

    @Test
    void passesWithinBothMarginsAndOnAGain() {
        AccuracyVerdict v = verdict(0.930, 0.860, 0.9205, 0.845, 1.0, 2.0);
        assertThat(v.passed()).as(v.reason()).isTrue();
        assertThat(v.standIn()).isFalse();
        assertThat(v.reason()).contains("3 validation scene(s)").contains("drop 0.95 points <= 1.00").contains("drop 1.50 points <= 2.00");
        assertThat(verdict(0.90, 0.80, 0.95, 0.85, 0, 0).passed()).isTrue();
    }

    @Test
    void failsWhenDetectionOrGroundingDropsBeyondItsMargin() {
        AccuracyVerdict map = verdict(0.930, 0.860, 0.915, 0.860, 1.0, 2.0);
        assertThat(map.passed()).isFalse();
        assertThat(map.reason()).contains("drop 1.50 points > 1.00");
        AccuracyVerdict grounding = verdict(0.930, 0.860, 0.930, 0.835, 1.0, 2.0);
        assertThat(grounding.passed()).isFalse();
        assertThat(grounding.reason()).contains("drop 2.50 points > 2.00");
        assertThat(grounding.fp32()).containsEntry("grounding.acc50", 0.860);
        assertThat(grounding.int8()).containsEntry("grounding.acc50", 0.835);
    }

    @Test
    void scenesWithoutExpressionsJudgeOnDetectionAlone() {
        assertThat(verdict(0.93, Double.NaN, 0.925, Double.NaN, 1.0, 2.0).passed()).isTrue();
    }

    @Test
    void rejectsNegativeMarginsAndNoScenes() {
        SceneEvaluationCheck.Scorer any = (l, e) -> Map.of();
        assertThatThrownBy(() -> new SceneEvaluationCheck(1, any, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SceneEvaluationCheck(0, any, 1, 2)).hasMessageContaining("validation scene");
    }
}
