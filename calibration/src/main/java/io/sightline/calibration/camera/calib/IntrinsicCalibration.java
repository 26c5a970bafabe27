package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraInfo;
import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.Distortion;
import java.util.List;

/**
 * Result of an intrinsic calibration: the camera matrix and plumb_bob distortion, the overall RMS
 * reprojection error (as returned by {@code calibrateCamera}), the error of each image used, and the images
 * in which no board was found (skipped, not fatal).
 */
public record IntrinsicCalibration(
    CameraIntrinsics intrinsics,
    Distortion distortion,
    double rmsPx,
    List<ImageResidual> perImage,
    List<String> boardNotFound) {

    public IntrinsicCalibration {
        perImage = List.copyOf(perImage);
        boardNotFound = List.copyOf(boardNotFound);
    }

    public CameraInfo cameraInfo(String cameraName) {
        return new CameraInfo(cameraName, intrinsics, distortion);
    }
}
