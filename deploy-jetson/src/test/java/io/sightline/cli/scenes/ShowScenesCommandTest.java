package io.sightline.cli.scenes;

import io.sightline.cli.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowScenesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesOnePngPerFrameInRange() {
        Path scene = SceneFolders.write(tmp.resolve("s"), 5);
        Path out = tmp.resolve("shown");
        CliRun run = CliRun.of("scenes", "show", scene.toString(), "--frames", "1-3", "--out", out.toString(), "--expression", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("wrote 3 frames to " + out + "\n");
        assertThat(out.resolve("000001.png")).isRegularFile();
        assertThat(out.resolve("000003.png")).isRegularFile();
        assertThat(out.resolve("000000.png")).doesNotExist();
        assertThat(out.resolve("000004.png")).doesNotExist();
    }

    @Test
    void writesAnAviVideoAndSkipsUnreadableFramesWithAWarning() throws Exception {
        Path scene = SceneFolders.write(tmp.resolve("s"), 4);
        Files.write(scene.resolve("frames/000002.png"), new byte[] {1, 2, 3});
        Path video = tmp.resolve("show.avi");
        CliRun run = CliRun.of("scenes", "show", scene.toString(), "--out", video.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("wrote 3 frames to " + video + " (1 skipped, see warnings)\n");
        assertThat(run.err()).contains("warning: skipped " + scene.resolve("frames/000002.png") + ": not a PNG file");
        assertThat(Files.size(video)).isPositive();
    }

    @Test
    void badArgumentsAndScenesGiveTheDocumentedExitCodes() {
        Path scene = SceneFolders.write(tmp.resolve("s"), 2);
        CliRun badRange = CliRun.of("scenes", "show", scene.toString(), "--frames", "x-y");
        assertThat(badRange.exitCode()).isEqualTo(2);
        assertThat(badRange.err()).contains("frame range must look like");
        CliRun outOfRange = CliRun.of("scenes", "show", scene.toString(), "--frames", "10-20", "--out", tmp.resolve("o").toString());
        assertThat(outOfRange.exitCode()).isEqualTo(1);
        assertThat(outOfRange.err()).contains("no frames written");
        CliRun notAScene = CliRun.of("scenes", "show", tmp.resolve("nope").toString());
        assertThat(notAScene.exitCode()).isEqualTo(1);
        assertThat(notAScene.err()).contains("not a scene folder");
    }
}
