package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import java.util.Objects;

/** A ground-truth box with the class label it is scored under ("red cup", or "cup" when scoring shapes only). */
public record LabelledBox(String label, Box2D box) {
    public LabelledBox {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
    }
}
