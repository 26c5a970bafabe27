package io.sightline.calibration.camera.calib;

/** A calibration that cannot produce a result (too few boards, unreadable image, failed solve). */
public class CalibrationException extends RuntimeException {
    public CalibrationException(String message) {
        super(message);
    }

    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
