package io.sightline.perception.relations;

import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A short sentence about the table: each located object, left to right as the robot sees it, tied where it can
 * be to the nearest object already named by a clear relation ("a red cup; a blue cube right of the red cup; a
 * green ball behind the red cup."). It follows the ground truth of the model's describe task (test-scenes
 * {@code io.sightline.scenes.expressions.SceneDescriber}) so the two can be compared word for word: NEAR when
 * near, else the clear direction with the largest offset; a reference is used only when its label is unique in
 * view, so "the red cup" always means one cup.
 */
public final class SceneDescriber {
    /** The text when nothing is located. */
    public static final String EMPTY = "an empty table.";

    private final RelationExtractor extractor;

    /** @param extractor decides which relations are clear enough to say */
    public SceneDescriber(RelationExtractor extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * @param objects   the objects to mention (those without a position are left out)
     * @param relations relations among them, as {@link RelationExtractor#extract} returns
     */
    public String describe(List<TrackedObject> objects, List<SpatialRelation> relations) {
        List<TrackedObject> named = objects.stream().filter(o -> o.position().isPresent())
            .sorted(Comparator.comparingDouble((TrackedObject o) -> -o.position().get().y())
                .thenComparingInt(TrackedObject::trackId))
            .toList();
        if (named.isEmpty()) {
            return EMPTY;
        }
        List<String> clauses = new ArrayList<>();
        List<TrackedObject> mentioned = new ArrayList<>();
        for (TrackedObject o : named) {
            String clause = indefinite(o.label());
            Optional<TrackedObject> reference = mentioned.stream()
                .filter(m -> isUnique(m, named))
                .min(Comparator.comparingDouble(m -> planarDistance(o, m)));
            if (reference.isPresent()) {
                Optional<SpatialRelation> said = clearRelation(o, reference.get(), relations);
                if (said.isPresent()) {
                    clause += " " + said.get().predicate().words() + " the " + reference.get().label();
                }
            }
            clauses.add(clause);
            mentioned.add(o);
        }
        return String.join("; ", clauses) + ".";
    }

    private Optional<SpatialRelation> clearRelation(TrackedObject o, TrackedObject reference, List<SpatialRelation> relations) {
        List<SpatialRelation> clear = relations.stream()
            .filter(r -> r.subjectId() == o.trackId() && r.objectId() == reference.trackId())
            .filter(extractor::isClear)
            .toList();
        Optional<SpatialRelation> near = clear.stream().filter(r -> r.predicate() == Predicate.NEAR).findFirst();
        if (near.isPresent()) {
            return near;
        }
        return clear.stream().max(Comparator.comparingDouble(SpatialRelation::offsetM));
    }

    private static boolean isUnique(TrackedObject o, List<TrackedObject> inView) {
        return inView.stream().filter(x -> x.label().equalsIgnoreCase(o.label())).count() == 1;
    }

    private static double planarDistance(TrackedObject a, TrackedObject b) {
        var p = a.position().orElseThrow();
        var q = b.position().orElseThrow();
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    /** "a red cup", "an orange ball". */
    static String indefinite(String words) {
        return (words.isEmpty() || "aeiou".indexOf(Character.toLowerCase(words.charAt(0))) < 0 ? "a " : "an ") + words;
    }
}
