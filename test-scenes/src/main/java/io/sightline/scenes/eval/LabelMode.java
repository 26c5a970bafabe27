package io.sightline.scenes.eval;

import io.sightline.perception.scene.ObjectAnnotation;

/** What counts as a detection's class: colour and shape together ("red cup", the default) or the shape alone. */
public enum LabelMode {
    COLOUR_AND_SHAPE,
    SHAPE;

    public String of(ObjectAnnotation o) {
        return this == SHAPE ? o.shape() : o.label();
    }

    public String of(PredictedBox b) {
        return this == SHAPE || b.colour().isEmpty() ? b.shape() : b.colour() + " " + b.shape();
    }
}
