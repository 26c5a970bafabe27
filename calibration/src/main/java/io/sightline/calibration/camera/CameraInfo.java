package io.sightline.calibration.camera;

import java.util.Objects;

/**
 * What a ROS camera_info file holds for a monocular camera: its name, intrinsics and plumb_bob
 * distortion (no extrinsics; those live in the extrinsics file).
 */
public record CameraInfo(String name, CameraIntrinsics intrinsics, Distortion distortion) {
    public CameraInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("camera name must not be blank");
        }
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(distortion, "distortion");
    }

    public static CameraInfo of(CameraModel model) {
        return new CameraInfo(model.name(), model.intrinsics(), model.distortion());
    }

    /** The full camera model once the extrinsics camera optical frame -> base_link are known. */
    public CameraModel withExtrinsics(RigidTransform cameraToBase) {
        return new CameraModel(name, intrinsics, distortion, cameraToBase);
    }
}
