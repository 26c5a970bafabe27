package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Point2fVector;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Point3f;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Point3fVectorVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Intrinsic camera calibration from images of a chessboard (Zhang's method as implemented by OpenCV's
 * {@code calibrateCamera}, estimating fx, fy, cx, cy and k1 k2 p1 p2 k3).
 */
public final class IntrinsicCalibrator {
    /** Fewer views leave the distortion and principal point poorly constrained. */
    public static final int MIN_VIEWS = 3;

    private final BoardPattern pattern;
    private final double squareSize;

    public IntrinsicCalibrator(BoardPattern pattern, double squareSize) {
        this.pattern = pattern;
        this.squareSize = squareSize;
        pattern.corners(squareSize); // validates the square size
    }

    /** The image files (png, jpg, jpeg, bmp, tif, tiff) directly inside {@code dir}, sorted by name. */
    public static List<Path> imagesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CalibrationException(dir + ": not a directory of calibration images");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|tiff?)"))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Detects the board in every image and calibrates from those where it was found (all corners of a
     * chessboard, at least {@link BoardPattern#minCornersPerView()} non-collinear corners of a ChArUco board).
     */
    public IntrinsicCalibration calibrate(List<Path> images) {
        if (images.isEmpty()) {
            throw new CalibrationException("no calibration images given");
        }
        List<BoardView> views = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        int width = -1, height = -1;
        try (BoardDetector detector = BoardDetector.of(pattern)) {
            for (Path image : images) {
                try (Mat grey = GreyImages.read(image)) {
                    if (width < 0) {
                        width = grey.cols();
                        height = grey.rows();
                    } else if (grey.cols() != width || grey.rows() != height) {
                        throw new CalibrationException(image + ": image is " + grey.cols() + "x" + grey.rows()
                            + " but the first image is " + width + "x" + height + "; all images must come from one camera mode");
                    }
                    Optional<BoardObservation> seen = detector.detect(grey);
                    if (seen.isPresent()) {
                        views.add(new BoardView(image.getFileName().toString(), seen.get()));
                    } else {
                        notFound.add(image.getFileName().toString());
                    }
                }
            }
        }
        return calibrate(views, width, height, notFound);
    }

    /**
     * Calibrates from corners already detected (or synthesised) in images of {@code width} x {@code height}.
     * {@code boardNotFound} is carried into the result for reporting.
     */
    public IntrinsicCalibration calibrate(List<BoardView> views, int width, int height, List<String> boardNotFound) {
        if (views.size() < MIN_VIEWS) {
            throw new CalibrationException("board " + pattern + " found in " + views.size() + " image(s)"
                + (boardNotFound.isEmpty() ? "" : " (not found in " + String.join(", ", boardNotFound) + ")")
                + "; need at least " + MIN_VIEWS);
        }
        List<Vec3> board = pattern.corners(squareSize);
        List<List<Vec3>> objects = new ArrayList<>();
        for (BoardView v : views) {
            objects.add(BoardGeometry.objectPoints(pattern, board, v.observation(), v.source()));
        }
        try (Point3fVectorVector objectPoints = new Point3fVectorVector(views.size());
             Point2fVectorVector imagePoints = new Point2fVectorVector(views.size());
             Size size = new Size(width, height);
             Mat k = new Mat();
             Mat d = new Mat();
             MatVector rvecs = new MatVector();
             MatVector tvecs = new MatVector();
             Point3f p3 = new Point3f();
             Point2f p2 = new Point2f()) {
            for (int v = 0; v < views.size(); v++) {
                List<Vec3> object = objects.get(v);
                List<Pixel> pixels = views.get(v).observation().pixels();
                try (Point3fVector obj = new Point3fVector(object.size());
                     Point2fVector img = new Point2fVector(object.size())) {
                    for (int c = 0; c < object.size(); c++) {
                        Vec3 b = object.get(c);
                        obj.put(c, p3.x((float) b.x()).y((float) b.y()).z((float) b.z()));
                        Pixel px = pixels.get(c);
                        img.put(c, p2.x((float) px.u()).y((float) px.v()));
                    }
                    objectPoints.put(v, obj);
                    imagePoints.put(v, img);
                }
            }
            double rms = opencv_calib3d.calibrateCamera(objectPoints, imagePoints, size, k, d, rvecs, tvecs);
            CameraIntrinsics intrinsics = CvConversions.intrinsics(k, width, height);
            Distortion distortion = CvConversions.distortion(d);
            CameraModel camera = new CameraModel("calibrating", intrinsics, distortion, RigidTransform.IDENTITY);
            List<ImageResidual> perImage = new ArrayList<>();
            for (int v = 0; v < views.size(); v++) {
                try (Mat rvec = rvecs.get(v); Mat tvec = tvecs.get(v)) {
                    RigidTransform cameraFromBoard = CvConversions.pose(rvec, tvec);
                    perImage.add(new ImageResidual(views.get(v).source(),
                        ReprojectionError.rms(camera, cameraFromBoard, objects.get(v), views.get(v).observation().pixels())));
                }
            }
            return new IntrinsicCalibration(intrinsics, distortion, rms, perImage, boardNotFound);
        }
    }
}
