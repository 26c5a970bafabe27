package io.sightline.scenes.eval;

import io.sightline.perception.relations.Predicate;
import java.util.Objects;

/**
 * A relation the system asserted between two objects, after its tracks were matched to ground truth:
 * {@code predicate(subject, object)} with ground-truth object ids.
 */
public record RelationPrediction(String scene, int frameIndex, int subjectId, Predicate predicate, int objectId) {
    public RelationPrediction {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(predicate, "predicate");
    }
}
