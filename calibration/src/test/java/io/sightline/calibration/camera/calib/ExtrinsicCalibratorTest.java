package io.sightline.calibration.camera.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.calibration.camera.CameraInfo;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtrinsicCalibratorTest {
    static final BoardPattern BOARD = BoardPattern.chessboard(9, 6);

    /** Rotation angle between two transforms, degrees. */
    static double angleDeg(RigidTransform a, RigidTransform b) {
        RigidTransform d = a.inverse().compose(b);
        return Math.toDegrees(2 * Math.acos(Math.min(1, Math.abs(d.qw()))));
    }

    static List<Pixel> project(CameraModel cam, RigidTransform boardToBase, double square, Random noise, double sigma) {
        List<Pixel> px = new ArrayList<>();
        for (Vec3 c : BOARD.corners(square)) {
            Pixel p = cam.project(boardToBase.apply(c)).orElseThrow();
            assertThat(p.u()).isBetween(0.0, cam.width() - 1.0);
            assertThat(p.v()).isBetween(0.0, cam.height() - 1.0);
            px.add(new Pixel(p.u() + noise.nextGaussian() * sigma, p.v() + noise.nextGaussian() * sigma));
        }
        return px;
    }

    @ParameterizedTest(name = "board at ({0}, {1}) yaw {2}, k1 {3}")
    @CsvSource({
        "0.70, 0.10, 0, -0.08",
        "0.60, -0.15, 30, -0.08",
        "0.85, 0.20, 180, -0.28",
        "0.55, 0.05, -100, -0.28"})
    void recoversCameraPoseFromNoisyProjectedCorners(double x, double y, double yawDeg, double k1) {
        CameraModel tabletop = CameraModels.tabletopDefault();
        CameraModel truth = new CameraModel("cam", tabletop.intrinsics(),
            k1 == tabletop.distortion().k1() ? tabletop.distortion() : new Distortion(k1, 0.07, 1e-4, -2e-4, 0),
            tabletop.cameraToBase());
        RigidTransform boardToBase = BoardPlacement.onTable(new Vec3(x, y, CameraModels.TABLE_PLANE_Z), Math.toRadians(yawDeg));
        ExtrinsicCalibrator calibrator = new ExtrinsicCalibrator(CameraInfo.of(truth), BOARD, 0.025);

        ExtrinsicCalibration exact = calibrator.fromCorners(project(truth, boardToBase, 0.025, new Random(1), 0), boardToBase);
        assertThat(angleDeg(exact.cameraToBase(), truth.cameraToBase())).isLessThan(1e-4);
        assertThat(exact.cameraToBase().translation().distanceTo(truth.origin())).isLessThan(1e-6);
        assertThat(exact.rmsPx()).isLessThan(1e-6);

        ExtrinsicCalibration noisy = calibrator.fromCorners(project(truth, boardToBase, 0.025, new Random(2), 0.2), boardToBase);
        assertThat(angleDeg(noisy.cameraToBase(), truth.cameraToBase())).isLessThan(0.5);
        assertThat(noisy.cameraToBase().translation().distanceTo(truth.origin())).isLessThan(0.005);
        assertThat(noisy.rmsPx()).isBetween(0.1, 0.3);
    }

    /**
     * A rendered image: a chessboard texture warped by the board-plane homography of a distortion-free
     * camera, so detection, the colour-based orientation and solvePnP run on real pixels.
     */
    @ParameterizedTest(name = "board at ({0}, {1}) yaw {2}")
    @CsvSource({"0.55, 0.05, 10", "0.85, -0.05, 180", "0.75, 0.15, -70"})
    void recoversCameraPoseFromARenderedBoardImage(double x, double y, double yawDeg) {
        CameraModel tabletop = CameraModels.tabletopDefault();
        CameraModel truth = new CameraModel("cam", tabletop.intrinsics(), Distortion.NONE, tabletop.cameraToBase());
        double square = 0.04;
        RigidTransform boardToBase = BoardPlacement.onTable(new Vec3(x, y, CameraModels.TABLE_PLANE_Z), Math.toRadians(yawDeg));
        project(truth, boardToBase, square, new Random(0), 0); // the whole board is in view
        try (Mat image = BoardImages.render(truth, BOARD, square, truth.cameraToBase().inverse().compose(boardToBase))) {
            ExtrinsicCalibration result = new ExtrinsicCalibrator(CameraInfo.of(truth), BOARD, square)
                .fromImage(image, "rendered", boardToBase);
            assertThat(angleDeg(result.cameraToBase(), truth.cameraToBase())).isLessThan(0.5);
            assertThat(result.cameraToBase().translation().distanceTo(truth.origin())).isLessThan(0.005);
            assertThat(result.rmsPx()).isLessThan(0.5);
        }
    }

    @ParameterizedTest(name = "board at ({0}, {1}) yaw {2}")
    @CsvSource({"0.45, 0.10, 0", "0.80, -0.10, 160"})
    void recoversCameraPoseFromARenderedCharucoBoard(double x, double y, double yawDeg) {
        CameraModel tabletop = CameraModels.tabletopDefault();
        CameraModel truth = new CameraModel("cam", tabletop.intrinsics(), Distortion.NONE, tabletop.cameraToBase());
        BoardPattern charuco = BoardPattern.parse("charuco:7x5");
        double square = 0.05;
        RigidTransform boardToBase = BoardPlacement.onTable(new Vec3(x, y, CameraModels.TABLE_PLANE_Z), Math.toRadians(yawDeg));
        try (Mat image = BoardImages.render(truth, charuco, square, truth.cameraToBase().inverse().compose(boardToBase))) {
            ExtrinsicCalibration result = new ExtrinsicCalibrator(CameraInfo.of(truth), charuco, square)
                .fromImage(image, "rendered", boardToBase);
            assertThat(angleDeg(result.cameraToBase(), truth.cameraToBase())).isLessThan(0.5);
            assertThat(result.cameraToBase().translation().distanceTo(truth.origin())).isLessThan(0.005);
            assertThat(result.rmsPx()).isLessThan(0.5);
        }
    }

    @ParameterizedTest(name = "yaw {0}")
    @CsvSource({"10", "190"})
    void detectorOrdersCornersByTheSquareColours(double yawDeg) {
        CameraModel tabletop = CameraModels.tabletopDefault();
        CameraModel cam = new CameraModel("cam", tabletop.intrinsics(), Distortion.NONE, tabletop.cameraToBase());
        double square = 0.04;
        RigidTransform boardToBase = BoardPlacement.onTable(
            new Vec3(yawDeg > 90 ? 0.85 : 0.55, yawDeg > 90 ? 0.1 : -0.05, 0), Math.toRadians(yawDeg));
        List<Pixel> truth = project(cam, boardToBase, square, new Random(0), 0);
        ChessboardDetector detector = new ChessboardDetector(BOARD);
        try (Mat image = BoardImages.render(cam, BOARD, square, cam.cameraToBase().inverse().compose(boardToBase))) {
            List<Pixel> found = detector.detectCorners(image).orElseThrow();
            for (int i = 0; i < truth.size(); i++) {
                assertThat(Math.hypot(found.get(i).u() - truth.get(i).u(), found.get(i).v() - truth.get(i).v()))
                    .as("corner %d", i).isLessThan(0.5);
            }
            List<Pixel> turned = new ArrayList<>(found);
            java.util.Collections.reverse(turned);
            assertThat(detector.orientByColour(image, turned)).isEqualTo(found);
            assertThat(detector.orientByColour(image, found)).isEqualTo(found);
        }
    }

    @ParameterizedTest
    @CsvSource({"0.55, 0.05, 10"})
    void wrongImageSizeOrMissingBoardAreClearErrors(double x, double y, double yawDeg) {
        CameraModel cam = new CameraModel("cam", CameraModels.tabletopDefault().intrinsics(), Distortion.NONE,
            CameraModels.tabletopDefault().cameraToBase());
        RigidTransform boardToBase = BoardPlacement.onTable(new Vec3(x, y, 0), Math.toRadians(yawDeg));
        ExtrinsicCalibrator calibrator = new ExtrinsicCalibrator(CameraInfo.of(cam), BOARD, 0.04);
        try (Mat small = new Mat(240, 320, opencv_core.CV_8UC1, new Scalar(128));
             Mat blank = new Mat(480, 640, opencv_core.CV_8UC1, new Scalar(128))) {
            assertThatThrownBy(() -> calibrator.fromImage(small, "small.png", boardToBase))
                .isInstanceOf(CalibrationException.class).hasMessageContaining("small.png").hasMessageContaining("320x240");
            assertThatThrownBy(() -> calibrator.fromImage(blank, "blank.png", boardToBase))
                .isInstanceOf(CalibrationException.class).hasMessageContaining("blank.png").hasMessageContaining("not found");
        }
        assertThatThrownBy(() -> calibrator.fromCorners(List.of(new Pixel(1, 1)), boardToBase))
            .isInstanceOf(CalibrationException.class).hasMessageContaining("54");
    }
}
