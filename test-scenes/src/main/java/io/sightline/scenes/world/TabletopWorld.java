package io.sightline.scenes.world;

import java.util.List;

/** A table and the objects on it over a whole sequence; everything static in odom. */
public record TabletopWorld(Table table, List<WorldObject> objects) {
    public TabletopWorld {
        objects = List.copyOf(objects);
    }

    public List<WorldObject> presentAt(int frame) {
        return objects.stream().filter(o -> o.presentAt(frame)).toList();
    }
}
