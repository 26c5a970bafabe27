package io.sightline.scenes.expressions;

import java.util.Arrays;
import java.util.List;

/**
 * The wordings of each {@link Relation}. Several per relation, so that splits can hold a wording out of train
 * (see {@code SplitPolicy}) while the relation itself stays learnt.
 */
public enum RelationPhrasing {
    LEFT_OF("left of", Relation.LEFT_OF),
    TO_THE_LEFT_OF("to the left of", Relation.LEFT_OF),
    RIGHT_OF("right of", Relation.RIGHT_OF),
    TO_THE_RIGHT_OF("to the right of", Relation.RIGHT_OF),
    IN_FRONT_OF("in front of", Relation.IN_FRONT_OF),
    ON_THE_NEAR_SIDE_OF("on the near side of", Relation.IN_FRONT_OF),
    BEHIND("behind", Relation.BEHIND),
    AT_THE_BACK_OF("at the back of", Relation.BEHIND),
    ON_THE_FAR_SIDE_OF("on the far side of", Relation.BEHIND),
    NEAR("near", Relation.NEAR),
    NEXT_TO("next to", Relation.NEAR),
    CLOSE_TO("close to", Relation.NEAR);

    private final String words;
    private final Relation relation;

    RelationPhrasing(String words, Relation relation) {
        this.words = words;
        this.relation = relation;
    }

    /** The words between the target and the anchor: "to the left of". */
    public String words() {
        return words;
    }

    public Relation relation() {
        return relation;
    }

    /** Stable id used by split policies: the words with underscores ("to_the_left_of"). */
    public String id() {
        return words.replace(' ', '_');
    }

    public static List<RelationPhrasing> of(Relation relation) {
        return Arrays.stream(values()).filter(p -> p.relation == relation).toList();
    }
}
