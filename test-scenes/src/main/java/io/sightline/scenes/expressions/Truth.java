package io.sightline.scenes.expressions;

/**
 * How clearly a relation holds. The generator states a relation only when it is {@link #TRUE} for the target
 * and {@link #FALSE} for every distractor, so ground truth is never decided by a centimetre.
 */
public enum Truth {
    TRUE,
    FALSE,
    /** Inside the ambiguity band between clearly true and clearly false: never used in ground truth. */
    BORDERLINE
}
