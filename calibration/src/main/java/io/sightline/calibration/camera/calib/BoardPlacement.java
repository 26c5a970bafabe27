package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;

/** Where a calibration board lies in base_link, as the board frame -> base_link transform. */
public final class BoardPlacement {
    private BoardPlacement() {}

    /**
     * A board lying face up on a horizontal surface: the board frame's origin (its first inner corner) at
     * {@code origin} in base_link, its x axis (along a row of corners) turned {@code yaw} radians from
     * base_link x about z, and its z axis pointing down into the table (see {@link BoardPattern}).
     */
    public static RigidTransform onTable(Vec3 origin, double yaw) {
        // Roll by pi turns the board's z down (and its y to -y); the yaw is applied after it.
        return RigidTransform.fromRpy(origin, Math.PI, 0, yaw);
    }
}
