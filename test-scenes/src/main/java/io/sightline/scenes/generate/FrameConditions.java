package io.sightline.scenes.generate;

import io.sightline.scenes.render.Lighting;

/**
 * The light and the sensor for one frame.
 *
 * @param lighting   light direction, intensity and ambient
 * @param noiseSigma standard deviation of the Gaussian sensor noise, 8-bit levels
 * @param blurSigma  Gaussian blur sigma in pixels (defocus / motion), 0 for a sharp frame
 */
public record FrameConditions(Lighting lighting, double noiseSigma, double blurSigma) {
}
