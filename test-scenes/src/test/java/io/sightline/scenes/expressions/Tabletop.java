package io.sightline.scenes.expressions;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Object lists for the expression tests: hand-placed ones and random frames. */
final class Tabletop {
    private static final List<String> SHAPES = List.of("cube", "cup", "ball", "bottle", "can", "cone");
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "orange", "purple");

    private Tabletop() {
    }

    /** A fully visible object with its footprint centre at (x, y) in base_link. */
    static ObjectAnnotation at(int id, String colour, String shape, double x, double y) {
        return at(id, colour, shape, x, y, 1.0);
    }

    static ObjectAnnotation at(int id, String colour, String shape, double x, double y, double visibility) {
        return new ObjectAnnotation(id, shape, colour, new Box2D(0, 0, 10, 10), new Vec3(x, y, 0), 0,
                new Vec3(0.06, 0.06, 0.08), visibility, false);
    }

    /**
     * A random frame of 1..9 objects on the table in front of the robot, allowed by the policy. Half the frames
     * draw from 3 shapes x 3 colours so that repeated shapes and colours, and so relations, are common; about a
     * third of the objects are less than half visible.
     */
    static List<ObjectAnnotation> randomFrame(SplittableRandom rng, SplitPolicy policy) {
        int n = 1 + rng.nextInt(9);
        boolean crowded = rng.nextBoolean();
        List<ObjectAnnotation> objects = new ArrayList<>();
        int attempts = 0;
        while (objects.size() < n && attempts++ < 500) {
            String shape = SHAPES.get(rng.nextInt(crowded ? 3 : SHAPES.size()));
            String colour = COLOURS.get(rng.nextInt(crowded ? 3 : COLOURS.size()));
            if (!policy.compositionAllowed(shape, colour)) {
                continue;
            }
            double x = 0.35 + rng.nextDouble() * 0.75;
            double y = -0.45 + rng.nextDouble() * 0.9;
            boolean apart = objects.stream().allMatch(
                    o -> Math.hypot(o.position().x() - x, o.position().y() - y) > 0.07);
            if (!apart) {
                continue;
            }
            double visibility = rng.nextInt(3) == 0 ? 0.05 + rng.nextDouble() * 0.45 : 0.5 + rng.nextDouble() * 0.5;
            objects.add(at(objects.size() + 1, colour, shape, x, y, visibility));
        }
        return objects;
    }
}
