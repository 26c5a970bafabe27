package io.sightline.scenes.generate;

import io.sightline.scenes.render.Lighting;
import java.util.SplittableRandom;

/**
 * Lighting that drifts over a sequence (the sun moving, a lamp dimming: azimuth, elevation and intensity
 * follow slow sinusoids) and per-frame sensor conditions (noise level; a blurred frame now and then).
 */
final class ConditionSchedule {
    /** Share of frames that get a Gaussian blur. */
    static final double BLUR_CHANCE = 0.15;

    private final double fps;
    private final double azimuth0;
    private final double elevation0;
    private final double intensity0;
    private final double ambient;
    private final double[] period = new double[3];
    private final double[] phase = new double[3];
    private final SplittableRandom frames;

    ConditionSchedule(double fps, SplittableRandom rng) {
        this.fps = fps;
        this.azimuth0 = (rng.nextDouble() * 2 - 1) * Math.PI;
        this.elevation0 = Math.toRadians(40 + 25 * rng.nextDouble());
        this.intensity0 = 0.85 + 0.3 * rng.nextDouble();
        this.ambient = 0.22 + 0.12 * rng.nextDouble();
        for (int i = 0; i < 3; i++) {
            period[i] = 6 + 12 * rng.nextDouble();
            phase[i] = rng.nextDouble() * 2 * Math.PI;
        }
        this.frames = rng.split();
    }

    /** Conditions of the next frame; call once per frame, in order. */
    FrameConditions next(int frame) {
        double t = frame / fps;
        double azimuth = azimuth0 + 0.7 * StrictMath.sin(2 * Math.PI * t / period[0] + phase[0]);
        double elevation = elevation0 + Math.toRadians(8) * StrictMath.sin(2 * Math.PI * t / period[1] + phase[1]);
        double intensity = intensity0 * (1 + 0.2 * StrictMath.sin(2 * Math.PI * t / period[2] + phase[2]));
        double noise = 1.5 + 2.5 * frames.nextDouble();
        double blur = frames.nextDouble() < BLUR_CHANCE ? 0.6 + 0.9 * frames.nextDouble() : 0;
        return new FrameConditions(Lighting.fromAngles(azimuth, elevation, intensity, ambient), noise, blur);
    }
}
