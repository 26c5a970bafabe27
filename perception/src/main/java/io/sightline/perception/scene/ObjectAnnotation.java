package io.sightline.perception.scene;

import io.sightline.calibration.camera.Vec3;

/**
 * Ground truth for one object in one frame.
 *
 * @param id          track id, stable across the frames of a sequence
 * @param shape       shape label (cube, cup, ball, bottle, can, cone, ...)
 * @param colour      colour name (red, green, blue, yellow, orange, purple, ...)
 * @param box         visible 2D box in pixels (clipped to the image)
 * @param position    centre of the object's footprint on the table, in base_link (metres)
 * @param yaw         rotation about base_link z (radians)
 * @param size        physical extent (x, y, z) in metres in the object's own frame
 * @param visibility  fraction of the object's projected area that is visible (0..1), after occlusion and clipping
 * @param truncated   true when the image border cuts the object
 */
public record ObjectAnnotation(int id, String shape, String colour, Box2D box, Vec3 position, double yaw,
                               Vec3 size, double visibility, boolean truncated) {
    public String label() {
        return colour + " " + shape;
    }
}
