package io.sightline.scenes.render;

/**
 * Mutable scratch for the nearest hit along one ray: the hot loop keeps one per thread instead of
 * allocating per pixel. {@link #t} starts as the far limit; a primitive only writes a closer hit.
 */
final class RayHit {
    /** Ray parameters below this count as self-intersection. */
    static final double T_MIN = 1e-6;

    double t;
    double nx;
    double ny;
    double nz;

    void reset(double tMax) {
        t = tMax;
    }

    boolean offer(double tc, double x, double y, double z) {
        if (tc > T_MIN && tc < t) {
            t = tc;
            nx = x;
            ny = y;
            nz = z;
            return true;
        }
        return false;
    }
}
