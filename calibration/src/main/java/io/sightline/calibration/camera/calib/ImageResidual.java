package io.sightline.calibration.camera.calib;

/** RMS reprojection error, in pixels, of the board corners in one calibration image. */
public record ImageResidual(String image, double rmsPx) {}
