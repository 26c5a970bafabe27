package io.sightline.calibration.camera.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicCalibratorTest {
    /** OpenCV's sample set, committed under test-scenes (see its README for the attribution). */
    static final Path OPENCV_LEFT = Path.of("..", "test-scenes", "calibration", "opencv-left");
    static final BoardPattern BOARD = BoardPattern.chessboard(9, 6);

    @Test
    void calibratesOpenCvSampleImagesToThePublishedFigures(@TempDir Path tmp) {
        List<Path> images = new ArrayList<>(IntrinsicCalibrator.imagesIn(OPENCV_LEFT));
        assertThat(images).hasSize(13);
        // An image without a board is reported, not fatal.
        Path blank = tmp.resolve("blank.png");
        try (Mat grey = new Mat(480, 640, opencv_core.CV_8UC1, new Scalar(128))) {
            opencv_imgcodecs.imwrite(blank.toString(), grey);
        }
        images.add(blank);

        IntrinsicCalibration result = new IntrinsicCalibrator(BOARD, 0.025).calibrate(images);

        assertThat(result.boardNotFound()).contains("blank.png");
        assertThat(result.perImage()).hasSizeGreaterThanOrEqualTo(11);
        // Published for this set (OpenCV calibration tutorial): fx ~ fy ~ 536, RMS well under 0.5 px.
        assertThat(result.intrinsics().fx()).isCloseTo(536, within(536 * 0.02));
        assertThat(result.intrinsics().fy()).isCloseTo(536, within(536 * 0.02));
        assertThat(result.intrinsics().cx()).isBetween(300.0, 380.0);
        assertThat(result.intrinsics().cy()).isBetween(200.0, 280.0);
        assertThat(result.rmsPx()).isPositive().isLessThan(0.5);
        // Our per-image errors, computed with CameraModel, aggregate to OpenCV's RMS.
        double sum = result.perImage().stream().mapToDouble(r -> r.rmsPx() * r.rmsPx()).sum();
        assertThat(Math.sqrt(sum / result.perImage().size())).isCloseTo(result.rmsPx(), within(1e-3));
        assertThat(result.perImage()).allSatisfy(r -> assertThat(r.rmsPx()).isLessThan(1.0));
    }

    @Test
    void recoversKnownIntrinsicsFromSyntheticViews() {
        CameraIntrinsics truthK = new CameraIntrinsics(640, 480, 525, 523, 316.5, 243.0);
        Distortion truthD = new Distortion(-0.12, 0.03, 4e-4, -2e-4, 0);
        CameraModel truth = new CameraModel("truth", truthK, truthD, RigidTransform.IDENTITY);
        List<Vec3> board = BOARD.corners(0.025);
        Random rnd = new Random(5);
        List<BoardView> views = new ArrayList<>();
        while (views.size() < 12) {
            // Board 0.3 - 0.6 m away, tilted up to ~40 degrees, anywhere in the image.
            RigidTransform pose = RigidTransform.fromRpy(
                new Vec3(-0.15 + 0.2 * rnd.nextDouble(), -0.12 + 0.15 * rnd.nextDouble(), 0.3 + 0.3 * rnd.nextDouble()),
                Math.toRadians(40 * (rnd.nextDouble() - 0.5) * 2), Math.toRadians(40 * (rnd.nextDouble() - 0.5) * 2),
                Math.toRadians(30 * (rnd.nextDouble() - 0.5)));
            List<Pixel> px = new ArrayList<>();
            boolean inside = true;
            for (Vec3 c : board) {
                Pixel p = truth.projectCameraPoint(pose.apply(c));
                inside &= pose.apply(c).z() > 0 && p.u() > 5 && p.v() > 5 && p.u() < 634 && p.v() < 474;
                px.add(new Pixel(p.u() + rnd.nextGaussian() * 0.1, p.v() + rnd.nextGaussian() * 0.1));
            }
            if (inside) {
                views.add(new BoardView("view" + views.size(), px));
            }
        }
        IntrinsicCalibration result = new IntrinsicCalibrator(BOARD, 0.025).calibrate(views, 640, 480, List.of());
        assertThat(result.intrinsics().fx()).isCloseTo(525, within(525 * 0.005));
        assertThat(result.intrinsics().fy()).isCloseTo(523, within(523 * 0.005));
        assertThat(result.intrinsics().cx()).isCloseTo(316.5, within(2.0));
        assertThat(result.intrinsics().cy()).isCloseTo(243.0, within(2.0));
        assertThat(result.distortion().k1()).isCloseTo(-0.12, within(0.02));
        assertThat(result.rmsPx()).isBetween(0.05, 0.2);
    }

    /**
     * Rendered boards (real pixels, real detection) seen by a camera whose intrinsics are known: the
     * calibration must find the focal length within 0.5% and the principal point within 2 px.
     */
    @ParameterizedTest
    @CsvSource({"chessboard:9x6, 0.025", "charuco:7x5, 0.035"})
    void renderedBoardsRecoverKnownIntrinsics(String spec, double square, @TempDir Path tmp) {
        BoardPattern pattern = BoardPattern.parse(spec);
        CameraModel truth = new CameraModel("truth", new CameraIntrinsics(640, 480, 540, 538, 322.0, 236.5),
            Distortion.NONE, RigidTransform.IDENTITY);
        List<Vec3> board = pattern.corners(square);
        double w = (pattern.kind() == BoardPattern.Kind.CHESSBOARD ? pattern.cols() - 1 : pattern.cols()) * square;
        double h = (pattern.kind() == BoardPattern.Kind.CHESSBOARD ? pattern.rows() - 1 : pattern.rows()) * square;
        Random rnd = new Random(17);
        List<Path> images = new ArrayList<>();
        while (images.size() < 10) {
            // Board centre 0.35 - 0.5 m ahead, anywhere in view, tilted up to 35 degrees about both axes.
            RigidTransform tilt = RigidTransform.fromRpy(Vec3.ZERO,
                Math.toRadians(70 * (rnd.nextDouble() - 0.5)), Math.toRadians(70 * (rnd.nextDouble() - 0.5)),
                Math.toRadians(40 * (rnd.nextDouble() - 0.5)));
            Vec3 centre = new Vec3(0.12 * (rnd.nextDouble() - 0.5), 0.08 * (rnd.nextDouble() - 0.5), 0.35 + 0.15 * rnd.nextDouble());
            Vec3 halfDiagonal = tilt.rotate(new Vec3(w / 2, h / 2, 0));
            RigidTransform cameraFromBoard = new RigidTransform(centre.minus(halfDiagonal), tilt.qx(), tilt.qy(), tilt.qz(), tilt.qw());
            boolean inView = board.stream().allMatch(c -> {
                Pixel p = truth.projectCameraPoint(cameraFromBoard.apply(c));
                return p.u() > 15 && p.v() > 15 && p.u() < 625 && p.v() < 465;
            });
            if (!inView) {
                continue;
            }
            Path file = tmp.resolve(String.format("view%02d.png", images.size()));
            try (Mat image = BoardImages.render(truth, pattern, square, cameraFromBoard)) {
                opencv_imgcodecs.imwrite(file.toString(), image);
            }
            images.add(file);
        }
        IntrinsicCalibration result = new IntrinsicCalibrator(pattern, square).calibrate(images);
        assertThat(result.boardNotFound()).hasSizeLessThanOrEqualTo(2);
        assertThat(result.intrinsics().fx()).isCloseTo(540, within(540 * 0.005));
        assertThat(result.intrinsics().fy()).isCloseTo(538, within(538 * 0.005));
        assertThat(result.intrinsics().cx()).isCloseTo(322.0, within(2.0));
        assertThat(result.intrinsics().cy()).isCloseTo(236.5, within(2.0));
        assertThat(result.rmsPx()).isLessThan(0.5);
    }

    @Test
    void tooFewBoardsIsAClearError() {
        IntrinsicCalibrator calibrator = new IntrinsicCalibrator(BOARD, 0.025);
        assertThatThrownBy(() -> calibrator.calibrate(List.of(), 640, 480, List.of("a.png", "b.png")))
            .isInstanceOf(CalibrationException.class)
            .hasMessageContaining("found in 0 image(s)").hasMessageContaining("a.png, b.png");
        assertThatThrownBy(() -> IntrinsicCalibrator.imagesIn(Path.of("no-such-dir")))
            .isInstanceOf(CalibrationException.class).hasMessageContaining("no-such-dir");
    }
}
