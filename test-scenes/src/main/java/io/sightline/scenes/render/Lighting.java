package io.sightline.scenes.render;

import io.sightline.calibration.camera.Vec3;

/**
 * One directional light plus ambient, for one frame.
 *
 * @param towardLight unit vector from the surface toward the light, odom
 * @param intensity   direct light intensity (about 1)
 * @param ambient     ambient light level (0..1)
 */
public record Lighting(Vec3 towardLight, double intensity, double ambient) {
    public Lighting {
        towardLight = towardLight.normalized();
        if (!(towardLight.z() > 0)) {
            throw new IllegalArgumentException("the light must come from above the table, got " + towardLight);
        }
        if (!(intensity >= 0) || !(ambient >= 0)) {
            throw new IllegalArgumentException("light levels must be non-negative: " + intensity + ", " + ambient);
        }
    }

    /** From azimuth (about z, from +x) and elevation above the table, radians. */
    public static Lighting fromAngles(double azimuth, double elevation, double intensity, double ambient) {
        double c = StrictMath.cos(elevation);
        return new Lighting(new Vec3(c * StrictMath.cos(azimuth), c * StrictMath.sin(azimuth), StrictMath.sin(elevation)), intensity, ambient);
    }
}
