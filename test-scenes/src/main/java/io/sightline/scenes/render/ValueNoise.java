package io.sightline.scenes.render;

/** Smooth 2-D value noise on an integer lattice (hash per lattice point, smoothstep blend), range 0..1. */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    double at(double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = smooth(x - fx);
        double ty = smooth(y - fy);
        double v00 = lattice(ix, iy);
        double v10 = lattice(ix + 1, iy);
        double v01 = lattice(ix, iy + 1);
        double v11 = lattice(ix + 1, iy + 1);
        double top = v00 + (v10 - v00) * tx;
        double bottom = v01 + (v11 - v01) * tx;
        return top + (bottom - top) * ty;
    }

    /** Two octaves, range 0..1. */
    double fractal(double x, double y) {
        return (2 * at(x, y) + at(2.03 * x + 17.1, 2.03 * y - 5.3)) / 3;
    }

    private double lattice(long ix, long iy) {
        return PixelHash.unit(PixelHash.mix(seed + ix * 0x9e3779b97f4a7c15L + iy * 0xc2b2ae3d27d4eb4fL));
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
