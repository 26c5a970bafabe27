package io.sightline.quantize;

/** INT8 calibration could not run: a model, frame, manifest field or option was wrong; the message names it. */
public final class Int8CalibrationException extends RuntimeException {
    public Int8CalibrationException(String message) {
        super(message);
    }

    public Int8CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
