package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import java.util.Objects;

/** A detection as the COCO evaluation sees it: class label, confidence and box. */
public record ScoredBox(String label, double score, Box2D box) {
    public ScoredBox {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("detection score of '" + label + "' is NaN");
        }
    }
}
