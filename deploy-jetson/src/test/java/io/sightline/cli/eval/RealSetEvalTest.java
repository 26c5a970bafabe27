package io.sightline.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.scenes.eval.MetricsJsonWriter;
import java.nio.file.Files;
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
    }

    @Test
    void anUnknownSplitIsAUsageError() {
        CliRun run = CliRun.of("eval", REAL.toString(), "--pack", PACK.toString(), "--split", "train");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--split").contains("val, test or all");
    }
}
