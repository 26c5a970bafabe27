package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.RigidTransform;

/**
 * Result of an extrinsic calibration: the camera optical frame -> base_link transform, the board's pose
 * in the camera frame that produced it, and the RMS reprojection error of the board corners.
 */
public record ExtrinsicCalibration(RigidTransform cameraToBase, RigidTransform cameraFromBoard, double rmsPx) {}
