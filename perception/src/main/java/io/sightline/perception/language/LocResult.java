package io.sightline.perception.language;

import io.sightline.perception.scene.Box2D;

/**
 * One box of a decoded answer, normalised to 0..1 of the image (x right, y down), with its label ("red cup";
 * may be empty for grammars that allow unlabelled boxes).
 */
public record LocResult(String label, double xMin, double yMin, double xMax, double yMax) {
    public LocResult {
        if (!(xMin <= xMax && yMin <= yMax)) {
            throw new IllegalArgumentException("box corners out of order: " + xMin + "," + yMin + " " + xMax + "," + yMax);
        }
    }

    /** The box in pixels of a {@code width x height} frame (the encoder resizes without letterbox). */
    public Box2D toPixels(int width, int height) {
        return new Box2D(xMin * width, yMin * height, xMax * width, yMax * height);
    }
}
