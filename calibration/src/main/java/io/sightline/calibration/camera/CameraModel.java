package io.sightline.calibration.camera;

import java.util.Optional;

/**
 * A calibrated camera on the robot: intrinsics, plumb_bob distortion and the extrinsics
 * {@code base_link <- camera optical frame} (REP-103). The one model used both to render the synthetic
 * world and to turn detections back into robot-frame positions.
 *
 * <p>Contract (implemented and tested in this package):
 * <ul>
 *   <li>{@link #project(Vec3)}: a base_link point to a distorted pixel; agrees with OpenCV
 *       {@code projectPoints} to 1e-6 px. Empty when the point is behind the camera.</li>
 *   <li>{@link #ray(Pixel)}: the unit viewing ray in base_link of a distorted pixel (undistorted
 *       iteratively, as {@code undistortPoints}).</li>
 *   <li>{@link #groundPoint(Pixel, double)}: the ray intersected with the horizontal plane z = planeZ in
 *       base_link (the table top); empty when the ray does not hit the plane in front of the camera.</li>
 * </ul>
 */
public record CameraModel(String name, CameraIntrinsics intrinsics, Distortion distortion, RigidTransform cameraToBase) {
    public CameraModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("camera name must not be blank");
        }
        java.util.Objects.requireNonNull(intrinsics, "intrinsics");
        java.util.Objects.requireNonNull(distortion, "distortion");
        java.util.Objects.requireNonNull(cameraToBase, "cameraToBase");
    }

    public int width() { return intrinsics.width(); }
    public int height() { return intrinsics.height(); }

    /** Camera optical-frame point to distorted pixel (no visibility check). */
    public Pixel projectCameraPoint(Vec3 pc) {
        // OpenCV projectPoints: x' = X/Z, y' = Y/Z, then distortion, then K.
        double invZ = pc.z() != 0 ? 1 / pc.z() : 1;
        double[] d = new double[2];
        distortion.distort(pc.x() * invZ, pc.y() * invZ, d);
        return new Pixel(intrinsics.fx() * d[0] + intrinsics.cx(), intrinsics.fy() * d[1] + intrinsics.cy());
    }

    /** base_link point to distorted pixel; empty when behind the camera (z <= 0 in the optical frame). */
    public Optional<Pixel> project(Vec3 pointInBase) {
        Vec3 pc = cameraToBase.inverse().apply(pointInBase);
        return pc.z() > 0 ? Optional.of(projectCameraPoint(pc)) : Optional.empty();
    }

    /** base_link point to the camera optical frame. */
    public Vec3 toCamera(Vec3 pointInBase) {
        return cameraToBase.inverse().apply(pointInBase);
    }

    /** Unit viewing ray of a distorted pixel, in the camera optical frame. */
    public Vec3 cameraRay(Pixel pixel) {
        return tryCameraRay(pixel).orElseThrow(() -> new IllegalArgumentException(
            "pixel (" + pixel.u() + ", " + pixel.v() + ") of camera '" + name
                + "' lies outside the region where its distortion can be inverted"));
    }

    /** Like {@link #cameraRay(Pixel)}, empty where the distortion has no (visible) preimage. */
    public Optional<Vec3> tryCameraRay(Pixel pixel) {
        double[] n = new double[2];
        if (!undistortToNormalized(pixel.u(), pixel.v(), n)) {
            return Optional.empty();
        }
        return Optional.of(new Vec3(n[0], n[1], 1).normalized());
    }

    /** Undistorted pixel: where the pixel would lie in an ideal pinhole image with the same K. */
    public Optional<Pixel> undistortPixel(Pixel pixel) {
        double[] n = new double[2];
        if (!undistortToNormalized(pixel.u(), pixel.v(), n)) {
            return Optional.empty();
        }
        return Optional.of(new Pixel(intrinsics.fx() * n[0] + intrinsics.cx(), intrinsics.fy() * n[1] + intrinsics.cy()));
    }

    private boolean undistortToNormalized(double u, double v, double[] out) {
        double xd = (u - intrinsics.cx()) / intrinsics.fx();
        double yd = (v - intrinsics.cy()) / intrinsics.fy();
        return distortion.undistort(xd, yd, out);
    }

    /**
     * The unit viewing ray of every pixel centre in the camera optical frame, for renderers: entry
     * {@code 3 * (v * width + u) + k} is component k (x, y, z) of the ray through pixel (u, v), with pixel
     * centres at integer coordinates as in OpenCV. Pixels whose distortion cannot be inverted get NaN.
     */
    public float[] rayMap() {
        int w = width(), h = height();
        float[] rays = new float[w * h * 3];
        double[] n = new double[2];
        int i = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                if (undistortToNormalized(u, v, n)) {
                    double inv = 1 / Math.sqrt(n[0] * n[0] + n[1] * n[1] + 1);
                    rays[i] = (float) (n[0] * inv);
                    rays[i + 1] = (float) (n[1] * inv);
                    rays[i + 2] = (float) inv;
                } else {
                    rays[i] = rays[i + 1] = rays[i + 2] = Float.NaN;
                }
                i += 3;
            }
        }
        return rays;
    }

    /** {@link #rayMap()} rotated into base_link (same layout); add {@link #origin()} to get points. */
    public float[] baseRayMap() {
        float[] rays = rayMap();
        double[] r = cameraToBase.rotationMatrix();
        for (int i = 0; i < rays.length; i += 3) {
            double x = rays[i], y = rays[i + 1], z = rays[i + 2];
            rays[i] = (float) (r[0] * x + r[1] * y + r[2] * z);
            rays[i + 1] = (float) (r[3] * x + r[4] * y + r[5] * z);
            rays[i + 2] = (float) (r[6] * x + r[7] * y + r[8] * z);
        }
        return rays;
    }

    /** Unit viewing ray of a distorted pixel, in base_link. */
    public Vec3 ray(Pixel pixel) {
        return cameraToBase.rotate(cameraRay(pixel));
    }

    /** Camera centre in base_link. */
    public Vec3 origin() {
        return cameraToBase.translation();
    }

    /** Intersection of the pixel's ray with the plane z = planeZ in base_link. */
    public Optional<Vec3> groundPoint(Pixel pixel, double planeZ) {
        Optional<Vec3> cameraRay = tryCameraRay(pixel);
        if (cameraRay.isEmpty()) {
            return Optional.empty();
        }
        Vec3 d = cameraToBase.rotate(cameraRay.get());
        Vec3 o = origin();
        // Rays (nearly) parallel to the plane or pointing away from it never reach the table.
        if (Math.abs(d.z()) < 1e-12) {
            return Optional.empty();
        }
        double t = (planeZ - o.z()) / d.z();
        if (!(t > 0)) {
            return Optional.empty();
        }
        Vec3 p = o.plus(d.times(t));
        // On the plane by construction: z is planeZ exactly, not o.z + d.z * t rounded (-1.1e-16 on the wire).
        return Optional.of(new Vec3(p.x(), p.y(), planeZ));
    }

    /** This camera with other extrinsics (e.g. after an extrinsic calibration). */
    public CameraModel withCameraToBase(RigidTransform newCameraToBase) {
        return new CameraModel(name, intrinsics, distortion, newCameraToBase);
    }
}
