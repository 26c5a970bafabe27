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
        throw new UnsupportedOperationException("implemented by the calibration module work");
    }

    /** base_link point to distorted pixel; empty when behind the camera (z <= 0 in the optical frame). */
    public Optional<Pixel> project(Vec3 pointInBase) {
        throw new UnsupportedOperationException("implemented by the calibration module work");
    }

    /** Unit viewing ray of a distorted pixel, in the camera optical frame. */
    public Vec3 cameraRay(Pixel pixel) {
        throw new UnsupportedOperationException("implemented by the calibration module work");
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
        throw new UnsupportedOperationException("implemented by the calibration module work");
    }
}
