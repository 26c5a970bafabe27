package io.sightline.calibration.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CameraModelTest {
    static final Distortion STRONG = new Distortion(-0.28, 0.07, 1e-4, -2e-4, 0.0);

    static List<CameraModel> cameras() {
        CameraModel tabletop = CameraModels.tabletopDefault();
        return List.of(
            tabletop,
            new CameraModel("strong", tabletop.intrinsics(), STRONG, tabletop.cameraToBase()),
            new CameraModel("pinhole", new CameraIntrinsics(640, 480, 525, 520, 322.5, 236.0), Distortion.NONE,
                tabletop.cameraToBase()),
            new CameraModel("k3", new CameraIntrinsics(1280, 720, 910, 912, 641, 359),
                new Distortion(0.1, -0.2, -3e-4, 5e-4, 0.05),
                CameraModels.mountedLookingDown(new Vec3(0.05, -0.1, 0.45), Math.toRadians(50), Math.toRadians(10))));
    }

    /** Random base_link points on and above the table, inside the camera's view. */
    static List<Vec3> visiblePoints(CameraModel cam, Random rnd, int n) {
        List<Vec3> points = new ArrayList<>();
        while (points.size() < n) {
            Vec3 p = new Vec3(0.3 + rnd.nextDouble() * 1.2, -0.8 + rnd.nextDouble() * 1.6, rnd.nextDouble() * 0.3);
            Optional<Pixel> px = cam.project(p);
            if (px.isPresent() && inside(cam, px.get(), 0)) {
                points.add(p);
            }
        }
        return points;
    }

    static boolean inside(CameraModel cam, Pixel p, double margin) {
        return p.u() >= margin && p.v() >= margin && p.u() <= cam.width() - 1 - margin && p.v() <= cam.height() - 1 - margin;
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void projectAgreesWithOpenCvProjectPoints(CameraModel cam) {
        List<Vec3> points = visiblePoints(cam, new Random(7), 500);
        RigidTransform baseToCamera = cam.cameraToBase().inverse();
        try (Mat object = new Mat(points.size(), 1, opencv_core.CV_64FC3);
             Mat rotation = new Mat(3, 3, opencv_core.CV_64FC1);
             Mat rvec = new Mat();
             Mat tvec = new Mat(3, 1, opencv_core.CV_64FC1);
             Mat k = new Mat(3, 3, opencv_core.CV_64FC1);
             Mat d = new Mat(1, 5, opencv_core.CV_64FC1);
             Mat image = new Mat();
             DoubleIndexer oi = object.createIndexer();
             DoubleIndexer ri = rotation.createIndexer();
             DoubleIndexer ti = tvec.createIndexer();
             DoubleIndexer ki = k.createIndexer();
             DoubleIndexer di = d.createIndexer()) {
            for (int i = 0; i < points.size(); i++) {
                oi.put(i, 0, 0, points.get(i).x());
                oi.put(i, 0, 1, points.get(i).y());
                oi.put(i, 0, 2, points.get(i).z());
            }
            double[] r = baseToCamera.rotationMatrix();
            for (int i = 0; i < 9; i++) {
                ri.put(i / 3, i % 3, r[i]);
            }
            ti.put(0, 0, baseToCamera.translation().x());
            ti.put(1, 0, baseToCamera.translation().y());
            ti.put(2, 0, baseToCamera.translation().z());
            double[] km = cam.intrinsics().matrix();
            for (int i = 0; i < 9; i++) {
                ki.put(i / 3, i % 3, km[i]);
            }
            double[] dc = cam.distortion().coefficients();
            for (int i = 0; i < 5; i++) {
                di.put(0, i, dc[i]);
            }
            opencv_calib3d.Rodrigues(rotation, rvec);
            opencv_calib3d.projectPoints(object, rvec, tvec, k, d, image);
            try (DoubleIndexer ii = image.createIndexer()) {
                double worst = 0;
                for (int i = 0; i < points.size(); i++) {
                    Pixel ours = cam.project(points.get(i)).orElseThrow();
                    worst = Math.max(worst, Math.hypot(ours.u() - ii.get(i, 0, 0), ours.v() - ii.get(i, 0, 1)));
                }
                assertThat(worst).isLessThan(1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void groundPointRoundTripsProjectedTablePoints(CameraModel cam) {
        Random rnd = new Random(11);
        double worst = 0;
        int checked = 0;
        while (checked < 2000) {
            Vec3 p = new Vec3(0.2 + rnd.nextDouble() * 1.5, -1 + rnd.nextDouble() * 2, CameraModels.TABLE_PLANE_Z);
            Optional<Pixel> px = cam.project(p);
            if (px.isEmpty() || !inside(cam, px.get(), 0)) {
                continue;
            }
            Vec3 back = cam.groundPoint(px.get(), CameraModels.TABLE_PLANE_Z).orElseThrow();
            worst = Math.max(worst, back.distanceTo(p));
            checked++;
        }
        assertThat(worst).isLessThan(1e-4);
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void raysOfProjectedPointsPointAtThem(CameraModel cam) {
        for (Vec3 p : visiblePoints(cam, new Random(3), 200)) {
            Vec3 ray = cam.ray(cam.project(p).orElseThrow());
            Vec3 toPoint = p.minus(cam.origin()).normalized();
            assertThat(ray.norm()).isCloseTo(1.0, within(1e-12));
            assertThat(ray.cross(toPoint).norm()).isLessThan(1e-10);
            assertThat(ray.dot(toPoint)).isPositive();
        }
    }

    @Test
    void undistortionInvertsStrongDistortionAcrossTheWholeImage() {
        CameraModel cam = cameras().get(1);
        for (int v = 0; v < cam.height(); v += 7) {
            for (int u = 0; u < cam.width(); u += 7) {
                Pixel px = new Pixel(u, v);
                Pixel again = cam.projectCameraPoint(cam.cameraRay(px));
                assertThat(Math.hypot(again.u() - u, again.v() - v)).as("pixel %s", px).isLessThan(1e-9);
            }
        }
    }

    @Test
    void tabletopCameraLooksForwardAndDownAtTheTable() {
        CameraModel cam = CameraModels.tabletopDefault();
        assertThat(cam.width()).isEqualTo(640);
        assertThat(cam.origin().z()).isCloseTo(0.6, within(1e-12));
        Vec3 axis = cam.ray(new Pixel(cam.intrinsics().cx(), cam.intrinsics().cy()));
        assertThat(axis.x()).isPositive();
        assertThat(axis.y()).isCloseTo(0, within(1e-12));
        assertThat(Math.toDegrees(Math.asin(-axis.z()))).isCloseTo(35, within(1e-9));
        // Image right is robot right (-y), image up is farther away on the table.
        Vec3 right = cam.groundPoint(new Pixel(600, 240), 0).orElseThrow();
        Vec3 left = cam.groundPoint(new Pixel(40, 240), 0).orElseThrow();
        assertThat(right.y()).isLessThan(left.y());
        Vec3 far = cam.groundPoint(new Pixel(320, 20), 0).orElseThrow();
        Vec3 near = cam.groundPoint(new Pixel(320, 460), 0).orElseThrow();
        assertThat(far.x()).isGreaterThan(near.x());
    }

    @Test
    void pointsBehindTheCameraAndRaysAboveTheHorizonGiveNothing() {
        CameraModel cam = CameraModels.tabletopDefault();
        assertThat(cam.project(new Vec3(-1, 0, 0.6))).isEmpty();
        // The camera looks down 35 degrees with a ~50 degree vertical FOV: the top rows see above the
        // horizon only with a much shallower pitch, so tilt the camera up to get such rays.
        CameraModel level = cam.withCameraToBase(CameraModels.mountedLookingDown(new Vec3(0, 0, 0.6), 0, 0));
        assertThat(level.groundPoint(new Pixel(320, 10), 0)).isEmpty();
        assertThat(level.groundPoint(new Pixel(320, 470), 0)).isPresent();
    }

    @Test
    void rpyInvertsFromRpy() {
        Random rnd = new Random(9);
        for (int i = 0; i < 200; i++) {
            double roll = (rnd.nextDouble() - 0.5) * 2 * Math.PI, pitch = (rnd.nextDouble() - 0.5) * 0.99 * Math.PI;
            double yaw = (rnd.nextDouble() - 0.5) * 2 * Math.PI;
            double[] back = RigidTransform.fromRpy(Vec3.ZERO, roll, pitch, yaw).rpy();
            assertThat(back[0]).isCloseTo(roll, within(1e-9));
            assertThat(back[1]).isCloseTo(pitch, within(1e-9));
            assertThat(back[2]).isCloseTo(yaw, within(1e-9));
        }
    }

    @Test
    void rayMapMatchesCameraRayAtEveryPixelCentre() {
        CameraModel cam = cameras().get(1);
        float[] map = cam.rayMap();
        assertThat(map).hasSize(cam.width() * cam.height() * 3);
        for (int v = 0; v < cam.height(); v += 13) {
            for (int u = 0; u < cam.width(); u += 11) {
                Vec3 ray = cam.cameraRay(new Pixel(u, v));
                int i = 3 * (v * cam.width() + u);
                assertThat((double) map[i]).isCloseTo(ray.x(), within(1e-6));
                assertThat((double) map[i + 1]).isCloseTo(ray.y(), within(1e-6));
                assertThat((double) map[i + 2]).isCloseTo(ray.z(), within(1e-6));
            }
        }
        float[] base = cam.baseRayMap();
        Vec3 ray = cam.ray(new Pixel(17, 301));
        int i = 3 * (301 * cam.width() + 17);
        assertThat((double) base[i + 2]).isCloseTo(ray.z(), within(1e-6));
    }

    @Test
    void foldedDistortionHasNoRayBeyondTheFold() {
        // k1 = -0.5: r(1 - 0.5 r^2) peaks at r = 0.816 (distorted radius 0.544); beyond that no preimage.
        CameraModel cam = new CameraModel("fold", new CameraIntrinsics(640, 480, 300, 300, 320, 240),
            new Distortion(-0.5, 0, 0, 0, 0), RigidTransform.IDENTITY);
        assertThat(cam.tryCameraRay(new Pixel(320 + 0.5 * 300, 240))).isPresent();
        assertThat(cam.tryCameraRay(new Pixel(320 + 0.6 * 300, 240))).isEmpty();
        assertThat(cam.groundPoint(new Pixel(320 + 0.6 * 300, 240), -1)).isEmpty();
    }
}
