package io.sightline.perception.relations;

import java.util.Objects;

/**
 * {@code predicate(subject, object)} between two tracked objects; it also says
 * {@code predicate.inverse()(object, subject)} ({@link Predicate#inverse()}), which is never stated separately.
 *
 * @param subjectId track id of the subject
 * @param predicate the predicate
 * @param objectId  track id of the object (the reference)
 * @param distanceM distance between the footprint centres on the table plane, metres
 * @param offsetM   how far the predicate holds: the signed offset along its axis for directions (always above
 *                  the margin), the distance for NEAR
 * @param frame     frame of the positions ("base_link")
 * @param text      "red cup left of blue cube, 0.31 m"
 */
public record SpatialRelation(int subjectId, Predicate predicate, int objectId, double distanceM, double offsetM,
                              String frame, String text) {
    public SpatialRelation {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(text, "text");
    }

    /** "LEFT_OF(3, 5)". */
    public String compact() {
        return predicate + "(" + subjectId + ", " + objectId + ")";
    }

    /** Does this relation say {@code predicate(subject, object)}, itself or by its inverse. */
    public boolean states(int subject, Predicate predicate, int object) {
        return subjectId == subject && this.predicate == predicate && objectId == object
            || subjectId == object && this.predicate == predicate.inverse() && objectId == subject;
    }

    public boolean involves(int trackId) {
        return subjectId == trackId || objectId == trackId;
    }
}
