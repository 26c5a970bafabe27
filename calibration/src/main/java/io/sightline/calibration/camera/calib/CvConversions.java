package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.util.List;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Conversions between our geometry values and OpenCV matrices; callers own (and close) every Mat returned. */
final class CvConversions {
    private CvConversions() {}

    static Mat cameraMatrix(CameraIntrinsics k) {
        Mat m = new Mat(3, 3, opencv_core.CV_64FC1);
        double[] v = k.matrix();
        try (DoubleIndexer i = m.createIndexer()) {
            for (int r = 0; r < 9; r++) {
                i.put(r / 3, r % 3, v[r]);
            }
        }
        return m;
    }

    static Mat distortion(Distortion d) {
        Mat m = new Mat(1, 5, opencv_core.CV_64FC1);
        double[] v = d.coefficients();
        try (DoubleIndexer i = m.createIndexer()) {
            for (int c = 0; c < 5; c++) {
                i.put(0, c, v[c]);
            }
        }
        return m;
    }

    static CameraIntrinsics intrinsics(Mat k, int width, int height) {
        try (DoubleIndexer i = k.createIndexer()) {
            return new CameraIntrinsics(width, height, i.get(0, 0), i.get(1, 1), i.get(0, 2), i.get(1, 2));
        }
    }

    static Distortion distortion(Mat d) {
        double[] v = new double[5];
        try (DoubleIndexer i = d.createIndexer()) {
            for (int c = 0; c < 5; c++) {
                v[c] = d.rows() == 1 ? i.get(0, c) : i.get(c, 0);
            }
        }
        return Distortion.of(v);
    }

    /** N x 1 CV_64FC3 object points. */
    static Mat points3(List<Vec3> points) {
        Mat m = new Mat(points.size(), 1, opencv_core.CV_64FC3);
        try (DoubleIndexer i = m.createIndexer()) {
            for (int r = 0; r < points.size(); r++) {
                i.put(r, 0, 0, points.get(r).x());
                i.put(r, 0, 1, points.get(r).y());
                i.put(r, 0, 2, points.get(r).z());
            }
        }
        return m;
    }

    /** N x 1 CV_64FC2 image points. */
    static Mat points2(List<Pixel> pixels) {
        Mat m = new Mat(pixels.size(), 1, opencv_core.CV_64FC2);
        try (DoubleIndexer i = m.createIndexer()) {
            for (int r = 0; r < pixels.size(); r++) {
                i.put(r, 0, 0, pixels.get(r).u());
                i.put(r, 0, 1, pixels.get(r).v());
            }
        }
        return m;
    }

    /** An OpenCV pose (Rodrigues rotation vector + translation, both 3x1 doubles) as parent <- child. */
    static RigidTransform pose(Mat rvec, Mat tvec) {
        try (Mat r = new Mat(); Mat rv = new Mat(); Mat tv = new Mat()) {
            rvec.convertTo(rv, opencv_core.CV_64F);
            tvec.convertTo(tv, opencv_core.CV_64F);
            opencv_calib3d.Rodrigues(rv, r);
            double[] m = new double[9];
            try (DoubleIndexer ri = r.createIndexer(); DoubleIndexer ti = tv.createIndexer()) {
                for (int k = 0; k < 9; k++) {
                    m[k] = ri.get(k / 3, k % 3);
                }
                return RigidTransform.fromMatrix(m, new Vec3(ti.get(0), ti.get(1), ti.get(2)));
            }
        }
    }
}
