package io.sightline.perception.grounding;

import io.sightline.perception.relations.Predicate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A referring expression as {@link ExpressionParser} reads it: what the object grounder checks on tracked objects.
 *
 * @param labels   the class labels the head noun names; empty for "thing" / "object" (any class)
 * @param sameAsOuter "one" / "ones": the class of the phrase this one is the anchor of ("the book right of the white one")
 * @param plural   the head noun is plural ("the two men")
 * @param count    a stated number ("the two men"); 0 when none
 * @param colours  each colour word's names; every one must be seen on the object ("red and blue")
 * @param orders   ordinals and superlatives ("second from the left", "biggest", "nearest the robot"); with several
 *                 ("the small car on the left") the object must come out of each
 * @param relations relations to other objects ("left of the cup", "between the cup and the bowl")
 */
public record ObjectPhrase(Set<String> labels, boolean sameAsOuter, boolean plural, int count, List<Set<NamedColour>> colours,
                           List<Order> orders, List<Relation> relations) {
    public ObjectPhrase {
        labels = Set.copyOf(labels);
        colours = List.copyOf(colours);
        orders = List.copyOf(orders);
        relations = List.copyOf(relations);
    }

    /** The direction of an ordering. */
    public enum Axis {
        /** leftmost first (largest base_link y) */
        LEFT,
        RIGHT,
        /** nearest the robot first (planar distance from base_link's origin) */
        NEAR,
        FAR,
        /** biggest box first */
        BIG,
        SMALL
    }

    /** The rank-th object along an axis (1 = the first: "leftmost", "the biggest"). */
    public record Order(Axis axis, int rank) {}

    /**
     * A relation to anchors: {@code predicate} of every anchor (NEAR with {@code nearest}: the object nearest the anchor),
     * or, with {@code between} set, left of one anchor and right of the other.
     */
    public record Relation(Optional<Predicate> predicate, boolean between, boolean nearest, List<ObjectPhrase> anchors) {
        public Relation {
            anchors = List.copyOf(anchors);
        }
    }
}
