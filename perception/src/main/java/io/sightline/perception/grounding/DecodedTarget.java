package io.sightline.perception.grounding;

import io.sightline.perception.language.LocResult;
import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;

/**
 * What the language decoder answered to a {@code ground} prompt: a box in source-frame pixels with the label it
 * gave, or that nothing in view fits the expression.
 *
 * @param box   the target box in source pixels; empty when {@code none}
 * @param label the label the model gave the box ("red cup"); may be empty
 * @param none  the model answered that no object fits
 */
public record DecodedTarget(Optional<Box2D> box, String label, boolean none) {
    public DecodedTarget {
        Objects.requireNonNull(box, "box");
        label = label == null ? "" : label.strip();
        if (none == box.isPresent()) {
            throw new IllegalArgumentException(none
                ? "decoded target: a 'none' answer carries no box, got " + box.get()
                : "decoded target: an answer without 'none' needs a box");
        }
    }

    public static DecodedTarget of(Box2D box, String label) {
        return new DecodedTarget(Optional.of(box), label, false);
    }

    public static DecodedTarget noTarget() {
        return new DecodedTarget(Optional.empty(), "", true);
    }

    /** A parsed loc answer (normalised box) in a {@code width x height} source frame. */
    public static DecodedTarget fromLoc(LocResult loc, int width, int height) {
        return of(loc.toPixels(width, height), loc.label());
    }
}
