package io.sightline.scenes.eval;

import io.sightline.perception.scene.ExpressionKind;
import java.util.List;
import java.util.Map;

/**
 * Referring-expression results.
 *
 * @param targeted           Acc@IoU0.5 over expressions that have a target
 * @param byKind             the same per kind (ATTRIBUTE, RELATIONAL, SUPERLATIVE)
 * @param seen               over targeted expressions whose phrasing and composition were seen in training
 * @param heldOut            over targeted expressions marked held out
 * @param noTargetRejection  NO_TARGET expressions answered with NO_MATCH (or no box)
 * @param missing            expressions of graded frames that got no prediction at all (counted as wrong)
 * @param expressions        every graded expression, in input order
 */
public record GroundingMetrics(Rate targeted, Map<ExpressionKind, Rate> byKind, Rate seen, Rate heldOut,
                               Rate noTargetRejection, int missing, List<ScoredExpression> expressions) {
    public GroundingMetrics {
        byKind = Map.copyOf(byKind);
        expressions = List.copyOf(expressions);
    }

    public Rate kind(ExpressionKind kind) {
        return byKind.getOrDefault(kind, Rate.NONE);
    }
}
