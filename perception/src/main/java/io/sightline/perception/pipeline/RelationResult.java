package io.sightline.perception.pipeline;

import java.util.Objects;

/**
 * {@code predicate(subject, object)} between two tracked objects.
 *
 * @param subject        subject track id
 * @param predicate      LEFT_OF, RIGHT_OF, IN_FRONT_OF, BEHIND or NEAR
 * @param object         object track id
 * @param distanceMetres distance between the two ground positions
 */
public record RelationResult(long subject, String predicate, long object, double distanceMetres) {
    public RelationResult {
        Objects.requireNonNull(predicate, "predicate");
    }
}
