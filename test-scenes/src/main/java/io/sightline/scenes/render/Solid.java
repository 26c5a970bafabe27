package io.sightline.scenes.render;

/**
 * An object's geometry in its own frame: origin at the footprint centre on the table, z up. Intersection
 * takes a ray (origin o, direction d, not necessarily unit) and records in {@code hit} the nearest surface
 * point closer than {@code hit.t}, with an outward (or, for the inside of a cup, inward) normal.
 */
interface Solid {
    boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit);

    /** Axis-aligned bounds in the object frame: xMin, yMin, zMin, xMax, yMax, zMax. */
    double[] bounds();
}
