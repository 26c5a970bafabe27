package io.sightline.perception.grounding;

/** How a grounding request ended. */
public enum GroundingStatus {
    /** One tracked object fits the decoded box and label. */
    OK,
    /** The model answered "none", or no tracked object fits its box and label. */
    NO_MATCH,
    /** Two or more tracked objects fit about equally well (see {@link GroundingConfig#ambiguityMargin()}). */
    AMBIGUOUS,
    /** The expression could not be read (an unknown word, an unsupported form): the reason says which; never a guess. */
    ERROR
}
