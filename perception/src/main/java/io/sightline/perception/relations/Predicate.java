package io.sightline.perception.relations;

import java.util.List;

/**
 * Spatial predicates between two objects on the table, in base_link (REP-103: x forward, y left, z up).
 *
 * <p>Each predicate has an {@link #inverse()}: {@code p(a, b)} holds exactly when {@code p.inverse()(b, a)} does
 * (LEFT_OF / RIGHT_OF, IN_FRONT_OF / BEHIND; NEAR is its own inverse). The extractor states each relation once, so
 * the inverse of every reported relation is implied and never sent.
 */
public enum Predicate {
    LEFT_OF("left of", List.of("left of", "to the left of")),
    RIGHT_OF("right of", List.of("right of", "to the right of")),
    IN_FRONT_OF("in front of", List.of("in front of", "on the near side of", "closer than", "nearer than")),
    BEHIND("behind", List.of("behind", "at the back of", "on the far side of", "further than", "farther than")),
    NEAR("near", List.of("near", "next to", "close to", "beside", "by"));

    private final String words;
    private final List<String> phrasings;

    Predicate(String words, List<String> phrasings) {
        this.words = words;
        this.phrasings = phrasings;
    }

    /** The predicate that holds with subject and object swapped: LEFT_OF(a, b) means RIGHT_OF(b, a). */
    public Predicate inverse() {
        return switch (this) {
            case LEFT_OF -> RIGHT_OF;
            case RIGHT_OF -> LEFT_OF;
            case IN_FRONT_OF -> BEHIND;
            case BEHIND -> IN_FRONT_OF;
            case NEAR -> NEAR;
        };
    }

    /** The words between subject and object in rendered text: "left of". */
    public String words() {
        return words;
    }

    /** Phrasings that name this predicate in a referring expression, for ranking evidence. */
    public List<String> phrasings() {
        return phrasings;
    }
}
