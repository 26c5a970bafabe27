package io.sightline.quantize;

/**
 * The calibrated range of one activation.
 *
 * @param tensor      tensor name in the FP32 graph
 * @param observedMax largest |x| over the calibration frames
 * @param amax        the clipping range the method chose (<= observedMax)
 */
public record TensorRange(String tensor, double observedMax, double amax) {
    /** Symmetric int8 scale: amax / 127. */
    public double scale() {
        return amax / 127.0;
    }
}
