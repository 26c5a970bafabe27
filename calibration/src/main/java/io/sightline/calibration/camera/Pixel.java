package io.sightline.calibration.camera;

/** A point in image coordinates (pixels, origin at the top-left pixel's centre as in OpenCV). */
public record Pixel(double u, double v) {}
