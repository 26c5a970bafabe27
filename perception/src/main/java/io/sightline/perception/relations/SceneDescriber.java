package io.sightline.perception.relations;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A short sentence about the table: each object, left to right as the robot sees it, tied where it can be to the
 * nearest object already named by a clear relation ("a red cup; a blue cube right of the red cup; a green ball
 * behind the red cup."): NEAR when near, else the clear direction with the largest offset
 * ({@link RelationExtractor#clearest}); a reference is used only when it names one object in view, so "the red
 * cup" always means one cup. The same sentence rule ({@link #sentence}) writes the ground truth of the model's
 * describe task (test-scenes {@code io.sightline.scenes.expressions.SceneDescriber}), so the two can be compared
 * word for word; which objects are named, and by what words, is each caller's.
 */
public final class SceneDescriber {
    /** The sentence over no objects: the describe task's ground truth for a frame with nothing on the table. */
    public static final String EMPTY = "an empty table.";
    /** The service's description while objects are seen but no track is confirmed yet (they may be noise). */
    public static final String NOTHING_CONFIRMED = "nothing confirmed yet.";
    /** The service's description of a frame in which no object was seen (it says nothing of the table itself). */
    public static final String NOTHING_IN_VIEW = "nothing in view now.";

    private final RelationExtractor extractor;

    /** @param extractor decides which relation is clear enough to say */
    public SceneDescriber(RelationExtractor extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * One object as the sentence names it.
     *
     * @param indefinite     its clause: "a red cup"
     * @param definite       how a later clause refers to it: "the red cup"
     * @param position       footprint centre in base_link
     * @param canBeReference whether {@code definite} names it alone among the objects in view
     */
    public record Mention(String indefinite, String definite, Vec3 position, boolean canBeReference) {
        public Mention {
            Objects.requireNonNull(indefinite, "indefinite");
            Objects.requireNonNull(definite, "definite");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * The tracked objects that have a position, left to right; a reference only when its label is unique among them;
     * {@link #NOTHING_IN_VIEW} when none has one.
     */
    public String describe(List<TrackedObject> objects) {
        List<TrackedObject> named = objects.stream().filter(o -> o.position().isPresent())
            .sorted(Comparator.comparingDouble((TrackedObject o) -> -o.position().get().y())
                .thenComparingInt(TrackedObject::trackId))
            .toList();
        if (named.isEmpty()) {
            return NOTHING_IN_VIEW;
        }
        return sentence(named.stream().map(o -> new Mention(indefinite(o.label()), "the " + o.label(),
            o.position().get(), isUnique(o, named))).toList());
    }

    /** The sentence over objects in mention order (left to right as the robot sees them); {@link #EMPTY} when none. */
    public String sentence(List<Mention> leftToRight) {
        if (leftToRight.isEmpty()) {
            return EMPTY;
        }
        List<String> clauses = new ArrayList<>();
        List<Mention> mentioned = new ArrayList<>();
        for (Mention m : leftToRight) {
            String clause = m.indefinite();
            Optional<Mention> reference = mentioned.stream()
                .filter(Mention::canBeReference)
                .min(Comparator.comparingDouble(r -> RelationExtractor.offset(Predicate.NEAR, m.position(), r.position())));
            if (reference.isPresent()) {
                Optional<Predicate> said = extractor.clearest(m.position(), reference.get().position());
                if (said.isPresent()) {
                    clause += " " + said.get().words() + " " + reference.get().definite();
                }
            }
            clauses.add(clause);
            mentioned.add(m);
        }
        return String.join("; ", clauses) + ".";
    }

    private static boolean isUnique(TrackedObject o, List<TrackedObject> inView) {
        return inView.stream().filter(x -> x.label().equalsIgnoreCase(o.label())).count() == 1;
    }

    /** "a red cup", "an orange ball". */
    static String indefinite(String words) {
        return (words.isEmpty() || "aeiou".indexOf(Character.toLowerCase(words.charAt(0))) < 0 ? "a " : "an ") + words;
    }
}
