package io.sightline.scenes.eval;

import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;

/**
 * The system's answer to one referring expression on one frame.
 *
 * @param scene      scene name
 * @param frameIndex frame index
 * @param expression the expression text, as in annotations.jsonl
 * @param status     reported outcome
 * @param box        the chosen object's box in source-frame pixels, when one was chosen
 */
public record GroundingPrediction(String scene, int frameIndex, String expression, GroundingStatus status,
                                  Optional<Box2D> box) {
    public GroundingPrediction {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(box, "box");
    }
}
