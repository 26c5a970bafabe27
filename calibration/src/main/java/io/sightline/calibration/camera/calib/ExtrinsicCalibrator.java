package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraInfo;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Extrinsic calibration camera -> base_link from one view of a board lying at a known pose in base_link:
 * {@code solvePnP} gives board -> camera, and camera -> base_link = (board -> base_link) * (camera -> board).
 */
public final class ExtrinsicCalibrator {
    private final CameraInfo camera;
    private final BoardPattern pattern;
    private final List<Vec3> board;

    public ExtrinsicCalibrator(CameraInfo camera, BoardPattern pattern, double squareSize) {
        this.camera = camera;
        this.pattern = pattern;
        this.board = pattern.corners(squareSize);
    }

    /**
     * From corner pixels in {@link BoardPattern} order (as {@link ChessboardDetector} returns them).
     *
     * @param boardToBase the board frame's pose in base_link, e.g. {@link BoardPlacement#onTable}
     */
    public ExtrinsicCalibration fromCorners(List<Pixel> corners, RigidTransform boardToBase) {
        if (corners.size() != board.size()) {
            throw new CalibrationException("got " + corners.size() + " corners, board " + pattern + " has " + board.size());
        }
        return fromObservation(BoardObservation.complete(corners), boardToBase);
    }

    /** From the corners seen of the board (all of a chessboard, a subset of a ChArUco board). */
    public ExtrinsicCalibration fromObservation(BoardObservation seen, RigidTransform boardToBase) {
        List<Vec3> object3 = BoardGeometry.objectPoints(pattern, board, seen, "board view");
        List<Pixel> corners = seen.pixels();
        try (Mat object = CvConversions.points3(object3);
             Mat image = CvConversions.points2(corners);
             Mat k = CvConversions.cameraMatrix(camera.intrinsics());
             Mat d = CvConversions.distortion(camera.distortion());
             Mat rvec = new Mat();
             Mat tvec = new Mat()) {
            // ITERATIVE: homography initialisation for a planar target, then Levenberg-Marquardt on the
            // reprojection error, which is the maximum-likelihood pose under Gaussian corner noise.
            if (!opencv_calib3d.solvePnP(object, image, k, d, rvec, tvec, false, opencv_calib3d.SOLVEPNP_ITERATIVE)) {
                throw new CalibrationException("solvePnP found no pose for the board " + pattern);
            }
            RigidTransform cameraFromBoard = CvConversions.pose(rvec, tvec);
            RigidTransform cameraToBase = boardToBase.compose(cameraFromBoard.inverse());
            double rms = ReprojectionError.rms(camera.withExtrinsics(RigidTransform.IDENTITY), cameraFromBoard, object3, corners);
            return new ExtrinsicCalibration(cameraToBase, cameraFromBoard, rms);
        }
    }

    /** From an image of the board; fails when the board is not found or the image size differs from the camera's. */
    public ExtrinsicCalibration fromImage(Mat image, String source, RigidTransform boardToBase) {
        if (image.cols() != camera.intrinsics().width() || image.rows() != camera.intrinsics().height()) {
            throw new CalibrationException(source + ": image is " + image.cols() + "x" + image.rows() + " but camera '"
                + camera.name() + "' is calibrated for " + camera.intrinsics().width() + "x" + camera.intrinsics().height());
        }
        if (pattern.isPointSymmetric()) {
            throw new CalibrationException("board " + pattern + " looks the same turned by 180 degrees, so its pose is ambiguous;"
                + " use a board with an odd + even corner count such as chessboard:9x6");
        }
        try (BoardDetector detector = BoardDetector.of(pattern)) {
            BoardObservation seen = detector.detect(image)
                .orElseThrow(() -> new CalibrationException(source + ": board " + pattern + " not found"));
            return fromObservation(seen, boardToBase);
        }
    }

    public ExtrinsicCalibration fromImage(Path image, RigidTransform boardToBase) {
        try (Mat grey = GreyImages.read(image)) {
            return fromImage(grey, image.toString(), boardToBase);
        }
    }
}
