package io.sightline.calibration.camera;

/**
 * Reference cameras. The tabletop camera is the one the synthetic world is rendered with by default and
 * the one the run-time geometry assumes until a calibration is loaded.
 *
 * <p>Frames (REP-103): {@code base_link} sits on the table top (a tabletop robot), so the table plane
 * is {@code z = }{@link #TABLE_PLANE_Z}; x forward, y left, z up. The camera is mounted on a mast above
 * the base origin and pitched down at the table.
 */
public final class CameraModels {
    /** Height of the table top in base_link, metres. */
    public static final double TABLE_PLANE_Z = 0.0;
    /** Camera centre height above the table, metres. */
    public static final double TABLETOP_MOUNT_HEIGHT = 0.6;
    /** Downward pitch of the optical axis, degrees. */
    public static final double TABLETOP_PITCH_DEG = 35.0;
    /** Focal length in pixels at the reference width of 640 (a ~63 degree horizontal field of view). */
    public static final double TABLETOP_FOCAL_640 = 525.0;
    /** The lens of the reference camera: a mild barrel distortion, typical of a small webcam lens. */
    public static final Distortion TABLETOP_DISTORTION = new Distortion(-0.08, 0.02, 0.0005, -0.0003, 0.0);

    private CameraModels() {}

    /** The default 640x480 tabletop camera. */
    public static CameraModel tabletopDefault() {
        return tabletop(640, 480);
    }

    /**
     * The tabletop camera at another resolution with the same field of view: focal length and principal
     * point scale with the width (the distortion is defined on normalised coordinates and does not change).
     */
    public static CameraModel tabletop(int width, int height) {
        double scale = width / 640.0;
        double f = TABLETOP_FOCAL_640 * scale;
        CameraIntrinsics k = new CameraIntrinsics(width, height, f, f, (width - 1) / 2.0, (height - 1) / 2.0);
        return new CameraModel("tabletop", k, TABLETOP_DISTORTION,
            mountedLookingDown(new Vec3(0, 0, TABLE_PLANE_Z + TABLETOP_MOUNT_HEIGHT), Math.toRadians(TABLETOP_PITCH_DEG), 0));
    }

    /**
     * Extrinsics of a camera at {@code position} in base_link whose optical axis points along the robot's
     * heading {@code yaw}, pitched down by {@code pitchDown} (radians). The optical frame (x right, y down,
     * z forward) relates to a REP-103 body frame (x forward, y left, z up) by roll -90 degrees, yaw -90
     * degrees; the mount's pitch and yaw are applied after it.
     */
    public static RigidTransform mountedLookingDown(Vec3 position, double pitchDown, double yaw) {
        RigidTransform mount = RigidTransform.fromRpy(position, 0, pitchDown, yaw);
        RigidTransform opticalToBody = RigidTransform.fromRpy(Vec3.ZERO, -Math.PI / 2, 0, -Math.PI / 2);
        return mount.compose(opticalToBody);
    }
}
