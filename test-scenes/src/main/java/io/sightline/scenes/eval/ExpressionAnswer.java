package io.sightline.scenes.eval;

import io.sightline.perception.pipeline.GroundingAnswer;
import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;

/**
 * A grounder's answer to one expression of the real set, as {@link RealGroundingScorer} scores it.
 *
 * @param status the reported outcome
 * @param box    the chosen object's box in source pixels, when one was chosen
 */
public record ExpressionAnswer(GroundingStatus status, Optional<Box2D> box) {
    public ExpressionAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(box, "box");
    }

    /** OK, pointing at {@code box}. */
    public static ExpressionAnswer ok(Box2D box) {
        return new ExpressionAnswer(GroundingStatus.OK, Optional.of(box));
    }

    /** NO_MATCH: nothing in the image fits. */
    public static ExpressionAnswer noMatch() {
        return new ExpressionAnswer(GroundingStatus.NO_MATCH, Optional.empty());
    }

    /** AMBIGUOUS: several objects fit, none chosen. */
    public static ExpressionAnswer ambiguous() {
        return new ExpressionAnswer(GroundingStatus.AMBIGUOUS, Optional.empty());
    }

    /** ERROR: the expression could not be answered (an unsupported form, a failure). */
    public static ExpressionAnswer error() {
        return new ExpressionAnswer(GroundingStatus.ERROR, Optional.empty());
    }

    /** The pipeline's answer ({@code Grounder.toResult}): its status and box. */
    public static ExpressionAnswer of(GroundingAnswer answer) {
        return new ExpressionAnswer(GroundingStatus.parse(answer.status()), answer.box());
    }
}
