package io.sightline.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.cli.testing.CliRun;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    Path dir;

    /** Two frames, one orange cone (id 3) whose box moves 1 px per frame; one targeted and one no-target expression. */
    private Path scene() {
        Path scene = dir.resolve("scenes/eval-test");
        CameraModel camera = new CameraModel("eval-test", new CameraIntrinsics(96, 72, 90, 90, 47.5, 35.5),
            Distortion.NONE, RigidTransform.IDENTITY);
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, "eval-test", camera, 10, 2, "png",
            new GeneratorInfo("eval-test", "1", 1), "test");
        try (SceneWriter w = SceneWriter.create(scene, info)) {
            for (int i = 0; i < 2; i++) {
                FrameAnnotation f = new FrameAnnotation(i, SceneLayout.frameFile(i, "png"), i * 100_000_000L, null,
                    List.of(new ObjectAnnotation(3, "cone", "orange", new Box2D(10 + i, 20, 40 + i, 60),
                        new Vec3(0.6, 0.1, 0), 0, new Vec3(0.05, 0.05, 0.1), 1, false)),
                    List.of(new ExpressionAnnotation("the orange cone", ExpressionKind.ATTRIBUTE, 3, false),
                        new ExpressionAnnotation("the red ball", ExpressionKind.NO_TARGET, null, true)));
                try (Mat m = new Mat(72, 96, CV_8UC3); Scalar s = new Scalar(80, 80, 80, 0)) {
                    m.put(s);
                    w.writeFrame(m, f);
                }
            }
        }
        return scene;
    }

    /**
     * Frame 0: the cone found exactly (position 0.1 m off in x), both expressions right. Frame 1: the cone's
     * box shifted by 20 px (IoU 400 / 2000 = 0.2 < 0.5: a false positive and a miss), the cone grounded on that wrong box,
     * the red ball rejected.
     */
    private Path results() throws IOException {
        Path file = dir.resolve("results.jsonl");
        Files.write(file, List.of(
            "{\"scene\":\"eval-test\",\"frame\":0,\"seq\":0,\"detections\":[{\"shape\":\"cone\",\"colour\":\"orange\","
                + "\"score\":0.9,\"box\":[10,20,40,60],\"track_id\":1,\"position\":[0.7,0.1,0]}],\"relations\":[],"
                + "\"groundings\":[{\"expression\":\"the orange cone\",\"status\":\"OK\",\"box\":[10,20,40,60]},"
                + "{\"expression\":\"the red ball\",\"status\":\"NO_MATCH\"}],\"timings_ms\":{\"encode\":10.0,\"total\":12.0}}",
            "{\"scene\":\"eval-test\",\"frame\":1,\"seq\":1,\"detections\":[{\"shape\":\"cone\",\"colour\":\"orange\","
                + "\"score\":0.8,\"box\":[31,20,61,60],\"track_id\":1}],\"relations\":[],"
                + "\"groundings\":[{\"expression\":\"the orange cone\",\"status\":\"OK\",\"box\":[31,20,61,60]},"
                + "{\"expression\":\"the red ball\",\"status\":\"NO_MATCH\"}],\"timings_ms\":{\"encode\":20.0,\"total\":22.0}}"));
        return file;
    }


    @Test
    void scoresResultsAndWritesJsonAndReport() throws IOException {
        Path scene = scene();
        Path json = dir.resolve("out/metrics.json");
        Path html = dir.resolve("out/report.html");
        // Pass the folder of scenes: it expands to the one scene.
        CliRun r = CliRun.of("eval", dir.resolve("scenes").toString(), "--results", results().toString(),
            "--json", json.toString(), "--report", html.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().readValue(json.toFile(), Map.class);
        // Detection: 2 GT, ranked TP(0.9) FP(0.8): rc = 0.5, 0.5 -> 51 of 101 recall points read 1 -> 51/101.
        assertThat((Double) m.get("detection.map50")).isEqualTo(51.0 / 101);
        assertThat(m).containsEntry("frames", 2).containsEntry("scenes", 1)
            .containsEntry("grounding.acc50", 0.5).containsEntry("grounding.acc50.attribute", 0.5)
            .containsEntry("grounding.no_target_rejection", 1.0).containsEntry("grounding.acc50.held_out", null)
            .containsEntry("tracking.id_switches", 0).containsEntry("latency_ms.encode.p50", 15.0)
            .containsEntry("relations.accuracy", null);
        assertThat((Double) m.get("position_error_m.p50")).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.out()).contains("detection.map50").contains("0.5050").contains("report: " + html);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,");
        assertThat(scene).isDirectory();
    }

    @Test
    void pipelineModeNeedsAPack() {
        Path scene = scene();
        CliRun r = CliRun.of("eval", scene.toString(), "--pack", dir.resolve("no-pack").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--pack").contains("no-pack");
        CliRun mixed = CliRun.of("eval", scene.toString(), "--results", dir.resolve("r.jsonl").toString(), "--no-ground");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--results scores existing files");
        // grounding settings are checked before any pack is looked for or loaded
        CliRun check = CliRun.of("eval", scene.toString(), "--pack", dir.resolve("no-pack").toString(), "--relation-check", "sometimes");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("--relation-check must be unsupported, contradicted or off, got 'sometimes'")
            .doesNotContain("no-pack");
        CliRun threshold = CliRun.of("eval", scene.toString(), "--pack", dir.resolve("no-pack").toString(), "--none-threshold", "1.5");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("none threshold must be strictly between 0 and 1, got 1.5");
    }

    /**
     * Runs the real pipeline when the trained pack is in the checkout (or at $SIGHTLINE_TEST_PACK); skipped
     * otherwise.
     */
    @Test
    void pipelineModeRunsThePackOverTheScenes() throws IOException {
        Path pack = Path.of(java.util.Objects.requireNonNullElse(System.getenv("SIGHTLINE_TEST_PACK"), "../models/tabletop-vlm")).toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(pack.resolve("manifest.json")),
            "no model pack at " + pack + " (the trained pack lands there)");
        Path json = dir.resolve("pipe.json");
        Path kept = dir.resolve("kept");
        CliRun r = CliRun.of("eval", scene().toString(), "--pack", pack.toString(), "--no-ground", "--results-dir", kept.toString(),
            "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(kept.resolve("eval-test.jsonl")).isRegularFile();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().readValue(json.toFile(), Map.class);
        assertThat(m).containsEntry("frames", 2).containsEntry("frames_missing", 0).containsKey("latency_ms.encode.p50");
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        Path scene = scene();
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"scene\":\"eval-test\",\"frame\":0,\"detections\":[{\"shape\":\"cone\"}]}\n");
        CliRun r = CliRun.of("eval", scene.toString(), "--results", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:1").contains("score: missing");
        CliRun labels = CliRun.of("eval", scene.toString(), "--results", results().toString(), "--labels", "colour");
        assertThat(labels.exitCode()).isEqualTo(2);
        assertThat(labels.err()).contains("'colour'");
        CliRun missing = CliRun.of("eval", dir.resolve("nowhere").toString(), "--results", results().toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nowhere");
    }

    @Test
    void shapeLabelsAreAnOption() throws IOException {
        Path json = dir.resolve("m.json");
        CliRun r = CliRun.of("eval", scene().toString(), "--results", results().toString(), "--labels", "shape", "--json", json.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(json)).contains("\"detection.per_class.cone\"");
    }
}
