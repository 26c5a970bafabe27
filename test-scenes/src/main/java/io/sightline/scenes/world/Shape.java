package io.sightline.scenes.world;

import io.sightline.calibration.camera.Vec3;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The object shapes of the tabletop world with their physical size ranges (metres), chosen to match
 * real household objects (a mug, a soda can, a 0.5 l bottle, a toy ball...).
 */
public enum Shape {
    CUBE, CUP, BALL, BOTTLE, CAN, CONE;

    /** The label used in annotations and expressions ("cube", "cup"...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Draws the dimensions of one instance. Components follow {@link ShapeDimensions}: the radius (or half
     * edge) of the body, the height, and a shape-specific third value (cup handle reach, bottle neck radius).
     */
    ShapeDimensions sampleDimensions(SplittableRandom rng) {
        return switch (this) {
            case CUBE -> {
                double edge = range(rng, 0.045, 0.07);
                yield new ShapeDimensions(edge / 2, edge, 0);
            }
            case CUP -> new ShapeDimensions(range(rng, 0.034, 0.043), range(rng, 0.08, 0.10), range(rng, 0.022, 0.028));
            case BALL -> {
                double r = range(rng, 0.03, 0.045);
                yield new ShapeDimensions(r, 2 * r, 0);
            }
            case BOTTLE -> new ShapeDimensions(range(rng, 0.03, 0.036), range(rng, 0.18, 0.22), range(rng, 0.012, 0.015));
            case CAN -> new ShapeDimensions(range(rng, 0.031, 0.034), range(rng, 0.10, 0.122), 0);
            case CONE -> new ShapeDimensions(range(rng, 0.032, 0.045), range(rng, 0.075, 0.11), 0);
        };
    }

    private static double range(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Physical extent (x, y, z) in the object's own frame for the given dimensions (the cup's handle along +x). */
    Vec3 extent(ShapeDimensions d) {
        double w = 2 * d.radius();
        return switch (this) {
            case CUP -> new Vec3(w + d.extra(), w, d.height());
            default -> new Vec3(w, w, d.height());
        };
    }
}
