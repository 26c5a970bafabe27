package io.sightline.calibration.camera;

import java.util.Objects;

/**
 * The pose of a camera's optical frame in the robot frame, as stored in our extrinsics file:
 * {@code p_parent = cameraToBase * p_child} with parent {@code base_link} (REP-103) and child the camera
 * optical frame (x right, y down, z forward).
 */
public record CameraExtrinsics(String parentFrame, String childFrame, RigidTransform cameraToBase) {
    public static final String BASE_LINK = "base_link";

    public CameraExtrinsics {
        if (parentFrame == null || parentFrame.isBlank() || childFrame == null || childFrame.isBlank()) {
            throw new IllegalArgumentException("frame names must not be blank");
        }
        Objects.requireNonNull(cameraToBase, "cameraToBase");
    }

    /** Extrinsics of {@code model}, child frame named {@code <camera name>_optical_frame}. */
    public static CameraExtrinsics of(CameraModel model) {
        return new CameraExtrinsics(BASE_LINK, model.name() + "_optical_frame", model.cameraToBase());
    }
}
