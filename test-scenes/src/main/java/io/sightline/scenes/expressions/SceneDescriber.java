package io.sightline.scenes.expressions;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ground-truth text for the model's {@code describe} task: each clearly visible object, left to right as the
 * robot sees it, tied where it can be to an object already named ("a red cup; a blue cube right of the red cup;
 * a green ball behind the red cup.").
 *
 * <p>Relations follow the same clear-case rule as the referring expressions ({@link SpatialPredicates#truth})
 * and use each relation's first phrasing, which no split holds out, so the describe targets never leak a
 * held-out wording into train. A reference object is named by colour and shape only when no other object in
 * view shares both, so "the red cup" in a description always means one cup.
 */
public final class SceneDescriber {
    /** The text for a frame with nothing clearly visible. */
    public static final String EMPTY = "an empty table.";

    /** Tried in this order when the dominant axis gives no clear relation. */
    private static final List<Predicate> DIRECTIONS =
            List.of(Predicate.LEFT_OF, Predicate.RIGHT_OF, Predicate.BEHIND, Predicate.IN_FRONT_OF);

    public String describe(List<ObjectAnnotation> objects) {
        List<ObjectAnnotation> inView = objects.stream().filter(o -> o.visibility() > 0).toList();
        List<ObjectAnnotation> named = inView.stream()
                .filter(SpatialPredicates::referable)
                .sorted(Comparator.comparingDouble((ObjectAnnotation o) -> -o.position().y())
                        .thenComparingInt(ObjectAnnotation::id))
                .toList();
        if (named.isEmpty()) {
            return EMPTY;
        }
        List<String> clauses = new ArrayList<>();
        List<ObjectAnnotation> mentioned = new ArrayList<>();
        for (ObjectAnnotation o : named) {
            Description self = new Description(o.colour(), o.shape());
            String clause = self.indefinite();
            Optional<ObjectAnnotation> reference = mentioned.stream()
                    .filter(m -> isUniqueInView(m, inView))
                    .min(Comparator.comparingDouble(m -> SpatialPredicates.planarDistance(o, m)));
            if (reference.isPresent()) {
                Optional<Predicate> relation = clearRelation(o, reference.get());
                if (relation.isPresent()) {
                    clause += " " + RelationPhrasing.of(relation.get()).get(0).words() + " "
                            + new Description(reference.get().colour(), reference.get().shape()).definite();
                }
            }
            clauses.add(clause);
            mentioned.add(o);
        }
        return String.join("; ", clauses) + ".";
    }

    /** NEAR when clearly near, else the clear direction along the larger offset, else the other axis. */
    private static Optional<Predicate> clearRelation(ObjectAnnotation o, ObjectAnnotation reference) {
        if (SpatialPredicates.truth(Predicate.NEAR, o, reference) == Truth.TRUE) {
            return Optional.of(Predicate.NEAR);
        }
        return DIRECTIONS.stream()
                .filter(r -> SpatialPredicates.truth(r, o, reference) == Truth.TRUE)
                .max(Comparator.comparingDouble(r -> SpatialPredicates.directionOffset(r, o, reference)));
    }

    private static boolean isUniqueInView(ObjectAnnotation o, List<ObjectAnnotation> inView) {
        Description d = new Description(o.colour(), o.shape());
        return inView.stream().filter(d::matches).count() == 1;
    }
}
