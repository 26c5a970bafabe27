package io.sightline.scenes.world;

import io.sightline.calibration.camera.Vec3;

/**
 * One object standing on the table, static in odom.
 *
 * @param id         track id, stable for the whole sequence
 * @param shape      its shape
 * @param colour     its colour
 * @param dimensions its size
 * @param x          footprint centre, odom x (metres)
 * @param y          footprint centre, odom y (metres)
 * @param yaw        rotation about z in odom (radians)
 * @param firstFrame first frame the object is on the table (inclusive)
 * @param lastFrame  last frame the object is on the table (inclusive)
 */
public record WorldObject(int id, Shape shape, Colour colour, ShapeDimensions dimensions,
                          double x, double y, double yaw, int firstFrame, int lastFrame) {
    public WorldObject {
        if (lastFrame < firstFrame) {
            throw new IllegalArgumentException("object " + id + ": lastFrame " + lastFrame + " < firstFrame " + firstFrame);
        }
    }

    public boolean presentAt(int frame) {
        return frame >= firstFrame && frame <= lastFrame;
    }

    /** Physical extent (x, y, z) in the object's own frame. */
    public Vec3 size() {
        return shape.extent(dimensions);
    }

    /** Radius of the circle around the footprint centre that contains the whole footprint (handle included). */
    public double footprintRadius() {
        return switch (shape) {
            case CUBE -> dimensions.radius() * Math.sqrt(2);
            case CUP -> dimensions.radius() + dimensions.extra();
            default -> dimensions.radius();
        };
    }

    public double height() {
        return dimensions.height();
    }
}
