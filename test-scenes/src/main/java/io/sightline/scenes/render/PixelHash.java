package io.sightline.scenes.render;

/**
 * Counter-based random numbers: a value is a pure function of (seed, frame, pixel, channel), so rows can
 * be rendered in any order on any number of threads and still give identical pixels. Mixing follows
 * SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", OOPSLA 2014).
 */
final class PixelHash {
    private PixelHash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long a, long b) {
        return mix(mix(mix(seed + 0x9e3779b97f4a7c15L) + a) + b);
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /**
     * An approximately standard normal sample from one hash: the sum of its four 16-bit parts (Irwin-Hall,
     * n = 4) rescaled to unit variance. Cheap (no log or cosine), bounded at about +-3.5 sigma.
     */
    static double fastGaussian(long h) {
        double sum = (h & 0xffff) + ((h >>> 16) & 0xffff) + ((h >>> 32) & 0xffff) + (h >>> 48);
        return (sum / 65536.0 - 2) * Math.sqrt(3);
    }
}
