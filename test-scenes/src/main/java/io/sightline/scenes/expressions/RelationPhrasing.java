package io.sightline.scenes.expressions;

import io.sightline.perception.relations.Predicate;
import java.util.Arrays;
import java.util.List;

/**
 * The wordings of each {@link Predicate}. Several per relation, so that splits can hold a wording out of train
 * (see {@code SplitPolicy}) while the relation itself stays learnt.
 */
public enum RelationPhrasing {
    LEFT_OF("left of", Predicate.LEFT_OF),
    TO_THE_LEFT_OF("to the left of", Predicate.LEFT_OF),
    RIGHT_OF("right of", Predicate.RIGHT_OF),
    TO_THE_RIGHT_OF("to the right of", Predicate.RIGHT_OF),
    IN_FRONT_OF("in front of", Predicate.IN_FRONT_OF),
    ON_THE_NEAR_SIDE_OF("on the near side of", Predicate.IN_FRONT_OF),
    BEHIND("behind", Predicate.BEHIND),
    AT_THE_BACK_OF("at the back of", Predicate.BEHIND),
    ON_THE_FAR_SIDE_OF("on the far side of", Predicate.BEHIND),
    NEAR("near", Predicate.NEAR),
    NEXT_TO("next to", Predicate.NEAR),
    CLOSE_TO("close to", Predicate.NEAR);

    private final String words;
    private final Predicate relation;

    RelationPhrasing(String words, Predicate relation) {
        this.words = words;
        this.relation = relation;
    }

    /** The words between the target and the anchor: "to the left of". */
    public String words() {
        return words;
    }

    public Predicate relation() {
        return relation;
    }

    /** Stable id used by split policies: the words with underscores ("to_the_left_of"). */
    public String id() {
        return words.replace(' ', '_');
    }

    public static List<RelationPhrasing> of(Predicate relation) {
        return Arrays.stream(values()).filter(p -> p.relation == relation).toList();
    }
}
