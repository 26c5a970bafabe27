package io.sightline.scenes.world;

/**
 * Size parameters of one object, metres.
 *
 * @param radius body radius (half the edge for a cube)
 * @param height height above the table
 * @param extra  cup: how far the handle reaches out from the wall; bottle: neck radius; otherwise 0
 */
public record ShapeDimensions(double radius, double height, double extra) {
    public ShapeDimensions {
        if (!(radius > 0) || !(height > 0) || !(extra >= 0)) {
            throw new IllegalArgumentException("bad dimensions radius=" + radius + " height=" + height + " extra=" + extra);
        }
    }
}
