package io.sightline.perception.relations;

import java.util.List;

/** Spatial predicates between two objects on the table, in base_link (REP-103: x forward, y left, z up). */
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

    /** The words between subject and object in rendered text: "left of". */
    public String words() {
        return words;
    }

    /** Phrasings that name this predicate in a referring expression, for ranking evidence. */
    public List<String> phrasings() {
        return phrasings;
    }
}
