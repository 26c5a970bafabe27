package io.sightline.perception.geometry;

/**
 * The size of a class of objects as far as ground projection needs it.
 *
 * @param radius     how far the footprint centre lies behind the object's nearest visible bottom point, in metres
 *                   (body radius for round things; for a sphere its radius)
 * @param silhouette how the lowest point of the object's image relates to the table
 */
public record TypicalShape(double radius, Silhouette silhouette) {
    /** Where the bottom edge of an object's box comes from. */
    public enum Silhouette {
        /** An object standing on the table: the box bottom is the footprint's nearest point, on the table plane. */
        UPRIGHT,
        /** A sphere resting on the table: the box bottom is the ray tangent to the sphere, which meets the table short of it. */
        SPHERE
    }

    public TypicalShape {
        if (!(radius >= 0 && radius < 1)) {
            throw new IllegalArgumentException("typical shape radius must be in [0, 1) m, got " + radius);
        }
        java.util.Objects.requireNonNull(silhouette, "silhouette");
    }
}
