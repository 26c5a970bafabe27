package io.sightline.scenes.eval;

import java.util.OptionalDouble;

/**
 * Relation decisions over the neighbouring pairs of matched objects (both orders) and every predicate
 * ({@link RelationEvaluator}): a decision is right when "predicted" (the triple or its inverse was asserted) equals
 * "holds on ground-truth positions".
 *
 * @param decisions      pair x predicate decisions made
 * @param agreements     decisions where prediction and ground truth agree
 * @param predicted      triples asserted, each relation counted with its implied inverse
 * @param truePredicted  asserted triples that hold on ground truth
 * @param holding        triples that hold on ground truth among the decided pairs
 * @param unresolved     reported relations naming a track that matched no ground-truth object (not judged)
 */
public record RelationMetrics(int decisions, int agreements, int predicted, int truePredicted, int holding, int unresolved) {
    public static final RelationMetrics NOT_MEASURED = new RelationMetrics(0, 0, 0, 0, 0, 0);

    public OptionalDouble accuracy() {
        return decisions == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) agreements / decisions);
    }

    public OptionalDouble precision() {
        return predicted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePredicted / predicted);
    }

    public OptionalDouble recall() {
        return holding == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePredicted / holding);
    }
}
