package io.sightline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.GeneratorInfo;
import io.sightline.perception.scene.SceneInfo;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.scene.SceneWriter;
import io.sightline.perception.source.LimitedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path tmp;



    private Path scene(int frames) {
        SceneInfo info = new SceneInfo(SceneInfo.FORMAT_VERSION, "cli-replay", CameraModels.tabletop(320, 240), 10, frames, "jpg",
            new GeneratorInfo("cli-test", "1", 3L), "demo");
        Path dir = tmp.resolve("scene");
        try (SceneWriter w = SceneWriter.create(dir, info)) {
            for (int i = 0; i < frames; i++) {
                try (Mat m = new Mat(240, 320, CV_8UC3); Scalar bg = new Scalar(60, 100, 150, 0); Scalar red = new Scalar(30, 30, 210, 0);
                     Point a = new Point(80 + 5 * i, 110); Point b = new Point(130 + 5 * i, 170)) {
                    m.put(bg);
                    rectangle(m, a, b, red, FILLED, LINE_8, 0);
                    w.writeFrame(m, new FrameAnnotation(i, SceneLayout.frameFile(i, "jpg"), i * 100_000_000L, RigidTransform.IDENTITY,
                        List.of(), List.of(new ExpressionAnnotation("the red cube", ExpressionKind.ATTRIBUTE, null, false))));
                }
            }
        }
        return dir;
    }

    @Test
    void progressLineShowsBarCountRateAndEta() {
        assertThat(ProgressLine.render(25, 100, 5.0)).isEqualTo("[######..................] 25/100 frames  5.0 fps  ETA 15 s");
        assertThat(ProgressLine.render(100, 100, 10.0)).isEqualTo("[########################] 100/100 frames  10.0 fps");
        assertThat(ProgressLine.render(7, 0, 1.0)).isEqualTo("7 frames  7.0 fps");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.of("replay", tmp.toString()).exitCode()).isEqualTo(2); // --out missing
        Path scene = scene(1);
        CliRun noPack = CliRun.of("replay", scene.toString(), "--out", tmp.resolve("r.jsonl").toString(), "--pack", tmp.resolve("nope").toString());
        assertThat(noPack.exitCode()).isEqualTo(2);
        assertThat(noPack.err()).contains("--pack").contains("nope");
        CliRun loop = CliRun.of("replay", scene.toString(), "--out", tmp.resolve("r.jsonl").toString(), "--loop");
        assertThat(loop.exitCode()).isEqualTo(2);
        assertThat(loop.err()).contains("--max-frames");
    }

    @Test
    void missingSceneIsARuntimeErrorNamingIt() {
        CliRun r = CliRun.of("replay", tmp.resolve("absent").toString(), "--out", tmp.resolve("r.jsonl").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("absent");
    }

    @Test
    void replayWritesOneLinePerFrameAndAnnotatedFramesAndIsRepeatable() throws Exception {
        Optional<Path> pack = ShippedPack.find();
        Assumptions.assumeTrue(pack.isPresent(), "no model pack (models/tabletop-vlm or -Dsightline.pack)");
        Path scene = scene(4);
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Path png = tmp.resolve("annotated");
        CliRun first = CliRun.of("replay", scene.toString(), "--out", a.toString(), "--pack", pack.get().toString(),
            "--backend", "onnxruntime", "--annotate", png.toString(), "--no-timings", "--ground-expressions", "--no-progress");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("4 frames -> ");
        CliRun second = CliRun.of("replay", scene.toString(), "--out", b.toString(), "--pack", pack.get().toString(),
            "--backend", "onnxruntime", "--no-timings", "--ground-expressions", "--no-progress");
        assertThat(second.exitCode()).as(second.err()).isZero();
        List<String> lines = Files.readAllLines(a);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).contains("\"frame\":2").contains("\"groundings\":[{\"expression\":\"the red cube\"");
        assertThat(Files.readAllLines(b)).isEqualTo(lines);
        try (var files = Files.list(png)) {
            assertThat(files.count()).isEqualTo(4);
        }
    }

    /** Each bad annotation line is a warning with the file and line (the first ten, then one in a hundred), and counted. */
    @Test
    void badAnnotationLinesAreWarnedWithFileAndLineAndCounted() throws Exception {
        Optional<Path> pack = ShippedPack.find();
        Assumptions.assumeTrue(pack.isPresent(), "no model pack (models/tabletop-vlm or -Dsightline.pack)");
        Path scene = scene(14);
        Path annotations = scene.resolve("annotations.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(annotations));
        for (int i = 2; i < 14; i++) {
            lines.set(i, "{\"frame\": " + i + ", broken");
        }
        Files.write(annotations, lines);
        CliRun r = CliRun.of("replay", scene.toString(), "--out", tmp.resolve("r.jsonl").toString(), "--pack",
            pack.get().toString(), "--backend", "onnxruntime", "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: bad annotation line")).toList();
        assertThat(warnings).hasSize(LimitedLog.FIRST);
        assertThat(warnings.get(0)).contains("annotations.jsonl").contains(":3");
        assertThat(warnings.get(1)).contains(":4");
        assertThat(r.err()).contains("14 frames -> ").contains("12 bad annotation line(s) in " + annotations);
    }

    @Test
    void offlineGroundPrintsAnOutcomeWithItsExitCode() {
        Optional<Path> pack = ShippedPack.find();
        Assumptions.assumeTrue(pack.isPresent(), "no model pack (models/tabletop-vlm or -Dsightline.pack)");
        Path scene = scene(2);
        CliRun r = CliRun.of("ground", scene.toString(), "the red cube", "--frame", "1", "--pack", pack.get().toString(), "--backend", "onnxruntime");
        assertThat(r.exitCode()).as(r.err()).isIn(0, OfflineGround.EXIT_NO_MATCH, OfflineGround.EXIT_AMBIGUOUS);
        assertThat(r.out()).contains("\"expression\":\"the red cube\"").contains("\"frame\":1");
        String status = r.exitCode() == 0 ? "OK" : r.exitCode() == 3 ? "NO_MATCH" : "AMBIGUOUS";
        assertThat(r.out()).contains("\"status\":\"" + status + "\"");
        assertThat(r.err()).contains(status + ":");
        CliRun badFrame = CliRun.of("ground", scene.toString(), "the red cube", "--frame", "9", "--pack", pack.get().toString());
        assertThat(badFrame.exitCode()).isEqualTo(2);
        assertThat(badFrame.err()).contains("frames 0..1");
    }
}
