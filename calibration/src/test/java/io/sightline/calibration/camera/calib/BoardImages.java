package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CharucoBoard;
import org.bytedeco.opencv.opencv_objdetect.Dictionary;

/**
 * Test images of a board seen by a distortion-free camera: a flat board texture warped by the board-plane
 * homography K [r1 r2 t], so the detectors and calibrators run on real pixels with a known truth.
 */
final class BoardImages {
    static final int PX = 40;
    static final int MARGIN = 40;

    private BoardImages() {}

    /** The board at {@code cameraFromBoard} (board frame -> camera optical frame), 8-bit grey. */
    static Mat render(CameraModel cam, BoardPattern pattern, double square, RigidTransform cameraFromBoard) {
        if (!cam.distortion().isZero()) {
            throw new IllegalArgumentException("a homography can only render a distortion-free camera");
        }
        // Texture pixel centres sit at integer coordinates, square edges at half-integers; o is the texture
        // coordinate of the board-frame origin.
        double o;
        Mat texture;
        if (pattern.kind() == BoardPattern.Kind.CHESSBOARD) {
            texture = chessboardTexture(pattern);
            o = MARGIN + PX - 0.5;
        } else {
            texture = charucoTexture(pattern);
            o = MARGIN - 0.5;
        }
        double sc = square / PX;
        double[] r = cameraFromBoard.rotationMatrix();
        Vec3 t = cameraFromBoard.translation();
        double[] rt = {r[0], r[1], t.x(), r[3], r[4], t.y(), r[6], r[7], t.z()};
        double[] a = {sc, 0, -o * sc, 0, sc, -o * sc, 0, 0, 1};
        double[] h = mul(cam.intrinsics().matrix(), mul(rt, a));
        Mat out = new Mat();
        try (Mat hm = new Mat(3, 3, opencv_core.CV_64FC1); DoubleIndexer hi = hm.createIndexer();
             Size size = new Size(cam.width(), cam.height()); Scalar table = new Scalar(150)) {
            for (int i = 0; i < 9; i++) {
                hi.put(i / 3, i % 3, h[i]);
            }
            opencv_imgproc.warpPerspective(texture, out, hm, size, opencv_imgproc.INTER_AREA, opencv_core.BORDER_CONSTANT, table);
        } finally {
            texture.close();
        }
        return out;
    }

    /** (cols+1) x (rows+1) squares plus a white margin; square (a, b) black when a + b is even. */
    private static Mat chessboardTexture(BoardPattern p) {
        int tw = (p.cols() + 1) * PX + 2 * MARGIN, th = (p.rows() + 1) * PX + 2 * MARGIN;
        Mat texture = new Mat(th, tw, opencv_core.CV_8UC1, new Scalar(235));
        for (int b = 0; b <= p.rows(); b++) {
            for (int a = 0; a <= p.cols(); a++) {
                if (p.isBlackSquare(a, b)) {
                    try (Point p0 = new Point(MARGIN + a * PX, MARGIN + b * PX);
                         Point p1 = new Point(MARGIN + (a + 1) * PX - 1, MARGIN + (b + 1) * PX - 1);
                         Scalar black = new Scalar(20)) {
                        opencv_imgproc.rectangle(texture, p0, p1, black, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
                    }
                }
            }
        }
        return texture;
    }

    /** OpenCV's own drawing of the ChArUco board, exactly PX pixels per square. */
    private static Mat charucoTexture(BoardPattern p) {
        Mat texture = new Mat();
        try (Dictionary dict = opencv_objdetect.getPredefinedDictionary(ArucoDictionaries.id(p.dictionary()));
             Size squares = new Size(p.cols(), p.rows());
             CharucoBoard board = new CharucoBoard(squares, 1.0f, (float) p.markerRatio(), dict);
             Size size = new Size(p.cols() * PX + 2 * MARGIN, p.rows() * PX + 2 * MARGIN)) {
            board.generateImage(size, texture, MARGIN, 1);
        }
        return texture;
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int m = 0; m < 3; m++) {
                    c[3 * i + j] += a[3 * i + m] * b[3 * m + j];
                }
            }
        }
        return c;
    }
}
