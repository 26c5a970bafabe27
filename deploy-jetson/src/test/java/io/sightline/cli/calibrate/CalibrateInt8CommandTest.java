package io.sightline.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sightline calibrate int8} end to end on the shipped pack, with the scene-evaluation guard. */
class CalibrateInt8CommandTest {
    private static final Path DEMO = Path.of("..", "test-scenes", "demo");

    @TempDir
    Path tmp;

    /** A copy of the shipped pack, so the test never touches the checkout. */
    private Path packCopy() {
        Assumptions.assumeTrue(ShippedPack.find().isPresent(), "no model pack in models/tabletop-vlm");
        return ShippedPack.copy(ShippedPack.find().get(), tmp.resolve("pack"));
    }

    @Test
    void writesTheInt8EncoderWhenTheSceneEvaluationGuardPasses() throws IOException {
        Path pack = packCopy();
        Path outDir = tmp.resolve("int8");
        CliRun r = CliRun.of("calibrate", "int8", "--pack", pack.toString(), "--scenes", DEMO.resolve("seq-000").toString(),
            "--frames", "12", "--val-scenes", DEMO.resolve("seq-001").toString(), "--val-frames", "6",
            // as the shipped pack is calibrated (models/README.md): its projector's label and box paths stay float
            "--exclude", "/projector/",
            // margins wide enough that 6 frames of noise cannot fail it; the verdict logic is SceneEvaluationCheckTest's
            "--max-map-drop", "50", "--max-grounding-drop", "50", "--out", outDir.toString());
        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(outDir.resolve("vision_encoder_int8.onnx")).isRegularFile();
        assertThat(outDir.resolve("vision_encoder_int8.calib")).isRegularFile();
        String report = Files.readString(outDir.resolve("int8_report.txt"));
        assertThat(report).contains("scene evaluation").contains("detection mAP@0.5");
        assertThat(r.err()).contains("int8 guard: fp32 encoder").contains("int8 guard: int8 encoder");
        assertThat(Files.readString(outDir.resolve("int8_report.json"))).contains("\"detection.map50\"");
    }

    @Test
    void theAgreementGuardDecodesWithTheShippedDecoder() throws IOException {
        Path pack = packCopy();
        Path outDir = tmp.resolve("int8");
        CliRun r = CliRun.of("calibrate", "int8", "--pack", pack.toString(), "--scenes", DEMO.resolve("seq-000").toString(),
            "--frames", "8", "--val-scenes", DEMO.resolve("seq-001").toString(), "--val-frames", "6", "--exclude", "/projector/",
            "--guard", "agreement", "--min-detection-agreement", "50", "--threads", "1", "--out", outDir.toString());
        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(outDir.resolve("vision_encoder_int8.onnx")).isRegularFile();
        assertThat(r.out()).contains("dense-head detection agreement").contains("over 6 frames").contains("1 threads");
    }

    @Test
    void thePackIsRequired() {
        CliRun r = CliRun.of("calibrate", "int8", "--scenes", DEMO.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--pack=DIR'");
    }

    @Test
    void rejectsAnUnknownGuardAndNegativeMargins() throws IOException {
        Path pack = packCopy();
        CliRun guard = CliRun.of("calibrate", "int8", "--pack", pack.toString(), "--scenes", DEMO.toString(), "--guard", "vibes");
        assertThat(guard.exitCode()).isEqualTo(2);
        assertThat(guard.err()).contains("--guard must be evaluation or agreement");
        assertThat(CliRun.of("calibrate", "int8", "--pack", pack.toString(), "--scenes", DEMO.toString(), "--max-map-drop", "-1").exitCode())
            .isEqualTo(2);
    }
}
