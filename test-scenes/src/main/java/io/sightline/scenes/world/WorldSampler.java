package io.sightline.scenes.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a table and a set of objects on it. Objects never interpenetrate: their footprint circles (which
 * contain the whole footprint, cup handle included) keep at least {@link #GAP} apart, over the whole
 * sequence, so an object that appears mid-sequence never lands inside one that is already there.
 */
public final class WorldSampler {
    /** Minimum clearance between two footprints (metres). */
    public static final double GAP = 0.015;
    /** Region of the table where footprint centres are drawn, odom metres. */
    static final double PLACE_X_MIN = 0.38;
    static final double PLACE_X_MAX = 1.02;
    static final double PLACE_Y_MIN = -0.42;
    static final double PLACE_Y_MAX = 0.42;
    private static final int ATTEMPTS_PER_OBJECT = 200;
    /**
     * Chance that a new object copies the colour x shape of an earlier one that has no twin yet, so that
     * attributes alone are sometimes not enough; a composition appears at most twice.
     */
    private static final double DUPLICATE_CHANCE = 0.25;
    /** Chance per object (at most two per sequence) to arrive late or leave early. */
    private static final double COME_GO_CHANCE = 0.2;

    private final int minObjects;
    private final int maxObjects;
    private final CompositionFilter compositions;

    public WorldSampler(int minObjects, int maxObjects, CompositionFilter compositions) {
        if (minObjects < 1 || maxObjects < minObjects || maxObjects > 16) {
            throw new IllegalArgumentException("object count range must satisfy 1 <= min <= max <= 16, got "
                + minObjects + ".." + maxObjects);
        }
        this.minObjects = minObjects;
        this.maxObjects = maxObjects;
        this.compositions = compositions;
    }

    public TabletopWorld sample(int frames, SplittableRandom rng) {
        Table table = new Table(0.12, 1.25, -0.75, 0.75, 0.03, -0.74, 1.9, rng.nextLong());
        int count = minObjects + rng.nextInt(maxObjects - minObjects + 1);
        List<WorldObject> placed = new ArrayList<>();
        int comeGo = 0;
        for (int id = 1; placed.size() < count && id <= count * 3; id++) {
            Shape shape;
            Colour colour;
            List<WorldObject> singles = placed.stream().filter(p -> twins(placed, p) == 1).toList();
            if (!singles.isEmpty() && rng.nextDouble() < DUPLICATE_CHANCE) {
                WorldObject twin = singles.get(rng.nextInt(singles.size()));
                shape = twin.shape();
                colour = twin.colour();
            } else {
                int guard = 0;
                do {
                    shape = Shape.values()[rng.nextInt(Shape.values().length)];
                    colour = Colour.values()[rng.nextInt(Colour.values().length)];
                } while (!(compositions.allows(shape, colour) && count(placed, shape, colour) == 0) && ++guard < 1000);
                if (!compositions.allows(shape, colour)) {
                    throw new IllegalStateException("the split allows no colour x shape composition");
                }
            }
            ShapeDimensions dims = shape.sampleDimensions(rng);
            int first = 0;
            int last = frames - 1;
            if (frames >= 8 && comeGo < 2 && placed.size() >= minObjects && rng.nextDouble() < COME_GO_CHANCE) {
                comeGo++;
                if (rng.nextBoolean()) {
                    first = frames / 4 + rng.nextInt(Math.max(1, frames / 4));
                } else {
                    last = frames / 2 + rng.nextInt(Math.max(1, frames / 4));
                }
            }
            WorldObject candidate = place(id, shape, colour, dims, first, last, placed, rng);
            if (candidate != null) {
                placed.add(candidate);
            }
        }
        return new TabletopWorld(table, placed);
    }

    private static WorldObject place(int id, Shape shape, Colour colour, ShapeDimensions dims, int first, int last,
                                     List<WorldObject> placed, SplittableRandom rng) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_OBJECT; attempt++) {
            double x = PLACE_X_MIN + (PLACE_X_MAX - PLACE_X_MIN) * rng.nextDouble();
            double y = PLACE_Y_MIN + (PLACE_Y_MAX - PLACE_Y_MIN) * rng.nextDouble();
            double yaw = (rng.nextDouble() * 2 - 1) * Math.PI;
            WorldObject o = new WorldObject(id, shape, colour, dims, x, y, yaw, first, last);
            if (placed.stream().allMatch(p -> clearance(p, o) >= GAP)) {
                return o;
            }
        }
        return null;
    }

    private static int twins(List<WorldObject> placed, WorldObject o) {
        return count(placed, o.shape(), o.colour());
    }

    private static int count(List<WorldObject> placed, Shape shape, Colour colour) {
        return (int) placed.stream().filter(p -> p.shape() == shape && p.colour() == colour).count();
    }

    /** Distance between the footprint circles of two objects (negative when they overlap). */
    public static double clearance(WorldObject a, WorldObject b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y()) - a.footprintRadius() - b.footprintRadius();
    }
}
