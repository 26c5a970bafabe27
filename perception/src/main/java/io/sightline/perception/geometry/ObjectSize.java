package io.sightline.perception.geometry;

/**
 * An object's estimated extent in metres, from its 2D box back-projected at the range where it touches the table
 * ({@link GroundProjector#size}): {@code width} across the line of sight, {@code height} above the table plane.
 */
public record ObjectSize(double widthM, double heightM) {
    public ObjectSize {
        if (!(widthM >= 0) || !(heightM >= 0) || Double.isInfinite(widthM) || Double.isInfinite(heightM)) {
            throw new IllegalArgumentException("object size must be finite and >= 0, got " + widthM + " x " + heightM + " m");
        }
    }
}
