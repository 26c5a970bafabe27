package io.sightline.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.CameraInfo;
import io.sightline.calibration.camera.CameraInfoFile;
import io.sightline.calibration.camera.CameraExtrinsics;
import io.sightline.calibration.camera.ExtrinsicsFile;
import io.sightline.cli.SightlineCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CalibrateCommandTest {
    static final Path OPENCV_LEFT = Path.of("..", "test-scenes", "calibration", "opencv-left");

    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = SightlineCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chessboard", "chessboard:9", "chessboard:9x", "chessboard:ax6", "chessboard:2x6", "charuco:5x7:dict_9x9_1", "9x6", ""})
    void badPatternIsAUsageError(String pattern) {
        int code = run("calibrate", "camera", "--images", OPENCV_LEFT.toString(), "--pattern", pattern,
            "--square", "0.025", "--out", tmp.resolve("camera.yaml").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--pattern", "bad board pattern '" + pattern + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.6,0.1,0", "0.6,0.1,0,ninety", "0.6,0.1,0,90,1", "NaN,0,0,0"})
    void badBoardPoseIsAUsageError(String pose) {
        int code = run("calibrate", "extrinsics", "--camera", "c.yaml", "--image", "b.png", "--pattern", "chessboard:9x6",
            "--square", "0.025", "--board-pose", pose, "--out", tmp.resolve("e.yaml").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--board-pose").contains("bad board pose");
    }

    @Test
    void markerIsForCharucoBoardsOnlyAndSmallerThanASquare() {
        assertThat(run("calibrate", "camera", "--images", OPENCV_LEFT.toString(), "--pattern", "chessboard:9x6",
            "--square", "0.025", "--marker", "0.02", "--out", tmp.resolve("camera.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--marker applies to ChArUco boards only");
        assertThat(run("calibrate", "camera", "--images", OPENCV_LEFT.toString(), "--pattern", "charuco:7x5",
            "--square", "0.025", "--marker", "0.03", "--out", tmp.resolve("camera.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("smaller than --square");
    }

    @Test
    void nonPositiveSquareAndMissingSubcommandAreUsageErrors() {
        assertThat(run("calibrate", "camera", "--images", OPENCV_LEFT.toString(), "--pattern", "chessboard:9x6",
            "--square", "-1", "--out", tmp.resolve("camera.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--square");
        assertThat(run("calibrate")).isEqualTo(2);
        assertThat(err.toString()).contains("missing subcommand");
    }

    @Test
    void calibratesTheOpenCvSamplesThenTheirExtrinsicsEndToEnd() {
        Path camera = tmp.resolve("camera.yaml");
        int code = run("calibrate", "camera", "--images", OPENCV_LEFT.toString(), "--pattern", "chessboard:9x6",
            "--square", "0.025", "--out", camera.toString(), "--name", "left");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("RMS reprojection error", "left01.jpg", "board not found in 0 image(s)");
        CameraInfo info = CameraInfoFile.read(camera);
        assertThat(info.name()).isEqualTo("left");
        assertThat(info.intrinsics().fx()).isCloseTo(536, within(11.0));

        Path extrinsics = tmp.resolve("extrinsics.yaml");
        code = run("calibrate", "extrinsics", "--camera", camera.toString(), "--image", OPENCV_LEFT.resolve("left01.jpg").toString(),
            "--pattern", "chessboard:9x6", "--square", "0.025", "--board-pose", "0.5,0,0,90", "--out", extrinsics.toString());
        assertThat(code).as(err.toString()).isZero();
        CameraExtrinsics e = ExtrinsicsFile.read(extrinsics);
        assertThat(e.parentFrame()).isEqualTo("base_link");
        assertThat(e.childFrame()).isEqualTo("left_optical_frame");
        // A hand-held board ~0.3-0.5 m from the lens: the camera sits within a metre of the board origin.
        assertThat(e.cameraToBase().translation().distanceTo(new io.sightline.calibration.camera.Vec3(0.5, 0, 0))).isLessThan(1.0);
    }

    @Test
    void runtimeFailuresExitOneNamingTheFile() {
        int code = run("calibrate", "extrinsics", "--camera", tmp.resolve("missing.yaml").toString(), "--image", "b.png",
            "--pattern", "chessboard:9x6", "--square", "0.025", "--board-pose", "0.6,0,0,0", "--out", tmp.resolve("e.yaml").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("missing.yaml");
        code = run("calibrate", "camera", "--images", tmp.resolve("nothing-here").toString(), "--pattern", "chessboard:9x6",
            "--square", "0.025", "--out", tmp.resolve("c.yaml").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("nothing-here");
    }
}
