package io.sightline.perception.relations;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.util.Optional;

/** Confirmed tracks placed at given base_link positions. */
public final class RelationFixtures {
    private RelationFixtures() {
    }

    public static TrackedObject at(int id, String colour, String shape, double x, double y) {
        return at(id, colour, shape, x, y, new Box2D(0, 0, 10, 10));
    }

    public static TrackedObject at(int id, String colour, String shape, double x, double y, Box2D box) {
        return new TrackedObject(id, TrackState.CONFIRMED, new Detection(box, shape, colour, 0.9),
            Optional.of(new Vec3(x, y, 0)), 5, 0, 5);
    }
}
