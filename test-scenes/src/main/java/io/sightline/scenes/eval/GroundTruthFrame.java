package io.sightline.scenes.eval;

import io.sightline.perception.scene.FrameAnnotation;
import java.util.Objects;

/** One annotated frame and the scene it belongs to. */
public record GroundTruthFrame(String scene, FrameAnnotation annotation) {
    public GroundTruthFrame {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(annotation, "annotation");
    }

    public FrameKey key() {
        return new FrameKey(scene, annotation.index());
    }
}
