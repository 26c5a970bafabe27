package io.sightline.perception.relations;

/**
 * Margins of the spatial predicates, in metres on the table plane, between footprint centres.
 *
 * <p>{@link #groundTruthMargins()} is the one home of these margins: the running system uses them, and so does
 * the generated ground truth (test-scenes {@code io.sightline.scenes.expressions.SpatialPredicates} reads them
 * through {@link RelationExtractor}), so that a predicted relation and the true one are decided by one rule.
 *
 * @param directionMargin  a direction holds when the signed offset along its axis exceeds this (5 cm: about half
 *                         the smallest object's footprint, so "left of" means visibly left, not level); at or
 *                         below it in both directions, neither is asserted (the ambiguity band |offset| <= margin)
 * @param directionClear   offset above which a direction is clear enough to say in a description, and to state in
 *                         generated ground truth (10 cm)
 * @param nearThreshold    NEAR holds under this distance (15 cm)
 * @param notNearThreshold clearly not near above this (25 cm); (near, notNear] is NEAR's ambiguity band
 */
public record RelationConfig(double directionMargin, double directionClear, double nearThreshold, double notNearThreshold) {
    /** The margins below (5, 10, 15, 25 cm), the ones the synthetic ground truth is generated with. */
    public static RelationConfig groundTruthMargins() {
        return new RelationConfig(0.05, 0.10, 0.15, 0.25);
    }

    public RelationConfig {
        if (!(directionMargin >= 0)) {
            throw new IllegalArgumentException("relations directionMargin must be >= 0 m, got " + directionMargin);
        }
        if (!(directionClear >= directionMargin)) {
            throw new IllegalArgumentException("relations directionClear must be >= directionMargin ("
                + directionMargin + " m), got " + directionClear);
        }
        if (!(nearThreshold > 0)) {
            throw new IllegalArgumentException("relations nearThreshold must be > 0 m, got " + nearThreshold);
        }
        if (!(notNearThreshold >= nearThreshold)) {
            throw new IllegalArgumentException("relations notNearThreshold must be >= nearThreshold ("
                + nearThreshold + " m), got " + notNearThreshold);
        }
    }
}
