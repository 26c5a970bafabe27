package io.sightline.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.scenes.eval.MetricsJsonWriter;
import java.nio.file.Files;
import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.RealExpressionSet;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline eval test-scenes/real --pack models/coco-nanodet --split val}: the shipped COCO pack on the real
 * validation photos, end to end (16 images, a few seconds). The bound is one only a working pipeline passes
 * (preprocessing, GFL decoding and box scaling all right), not the measured figure (models/README.md).
 */
class RealSetEvalTest {
    private static final Path REAL = Path.of("..", "test-scenes", "real");
    private static final Path PACK = Path.of("..", "models", "coco-nanodet");

    @TempDir
    Path tmp;

    @Test
    void cocoNanodetOnTheRealValidationSplit() {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("detector.onnx")), "no models/coco-nanodet pack");
        Path json = tmp.resolve("val.json");
        CliRun run = CliRun.of("eval", REAL.toString(), "--pack", PACK.toString(), "--split", "val", "--json", json.toString(),
            "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scored 16 image(s) of real (split val)").contains("score threshold sweep");
        Map<String, Object> m = new MetricsJsonWriter().read(json);
        assertThat(m).containsEntry("images", 16).containsEntry("split", "val");
        assertThat((Double) m.get("detection.map50")).isGreaterThan(0.3);
        assertThat((Double) m.get("detection.per_class.person")).isGreaterThan(0.5);
        // the pack's operating point is read from its manifest (head.publish_threshold)
        assertThat(m.get("detection.operating_point.score_threshold")).isEqualTo(0.4);
        assertThat((Double) m.get("detection.operating_point.f1")).isGreaterThan(0.3);
        // grounding of expressions.jsonl on the detected objects: every val expression answered, by the tracked-object
        // grounder; bounds only a working parser, colour measurement and matcher pass (the figures: test-scenes/real/README.md)
        int expressions = RealExpressionSet.read(REAL).select(ImageSplit.VAL).size();
        assertThat(m).containsEntry("grounding.split", "val").containsEntry("grounding.expressions", expressions);
        assertThat(((Integer) m.get("grounding.answers.ok")) + ((Integer) m.get("grounding.answers.no_match"))
            + ((Integer) m.get("grounding.answers.ambiguous")) + ((Integer) m.get("grounding.answers.error"))).isEqualTo(expressions);
        assertThat((Double) m.get("grounding.acc50.class")).isGreaterThan(0.3);
        assertThat((Double) m.get("grounding.acc50.attribute")).isGreaterThan(0.2);
        assertThat((Double) m.get("grounding.no_target_rejection")).isGreaterThan(0.5);
        assertThat((Double) m.get("grounding.latency_ms.p50")).isPositive();
        assertThat(run.out()).contains("grounding.acc50.relational");
    }

    @Test
    void noGroundSkipsTheExpressions() {
        Assumptions.assumeTrue(Files.isRegularFile(PACK.resolve("detector.onnx")), "no models/coco-nanodet pack");
        CliRun run = CliRun.of("eval", REAL.toString(), "--pack", PACK.toString(), "--split", "val", "--no-ground", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("detection.map50").doesNotContain("grounding.");
    }

    @Test
    void anUnknownSplitIsAUsageError() {
        CliRun run = CliRun.of("eval", REAL.toString(), "--pack", PACK.toString(), "--split", "train");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--split").contains("val, test or all");
    }
}
