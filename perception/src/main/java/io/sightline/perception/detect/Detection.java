package io.sightline.perception.detect;

import io.sightline.perception.scene.Box2D;

/**
 * One object found in one frame, before tracking.
 *
 * @param box    box in pixels of the source frame
 * @param shape  shape label from the pack's label list ("cup")
 * @param colour colour attribute ("red"); may be empty for packs without colour
 * @param score  confidence in [0, 1] (objectness x class probability for the dense head)
 */
public record Detection(Box2D box, String shape, String colour, double score) {
    public Detection {
        java.util.Objects.requireNonNull(box, "box");
        java.util.Objects.requireNonNull(shape, "shape");
        colour = colour == null ? "" : colour;
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], got " + score);
        }
    }

    /** "red cup", or the shape alone when there is no colour. */
    public String label() {
        return colour.isEmpty() ? shape : colour + " " + shape;
    }
}
