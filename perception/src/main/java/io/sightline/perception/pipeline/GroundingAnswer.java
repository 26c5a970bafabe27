package io.sightline.perception.pipeline;

import io.sightline.perception.scene.Box2D;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pipeline's answer to one referring expression.
 *
 * @param expression the expression as asked ("the red cup behind the blue box")
 * @param status     OK, NO_MATCH or AMBIGUOUS
 * @param box        the target's box in source pixels (OK only)
 * @param trackId    the target's track id (OK, when the target was tracked)
 * @param label      the target's label ("red cup"), or "" without a target
 * @param evidence   relations that support the choice, as "LEFT_OF(3, 5)"-style strings rendered by the matcher
 * @param modelText  the decoder's raw answer (for debugging)
 * @param reason     why this status, in one line (the matcher's: the track and IoU, or what did not fit)
 * @param timeToFirstTokenNanos decoder latency to the first token
 * @param tokensPerSecond       decoder rate after the first token
 */
public record GroundingAnswer(String expression, String status, Optional<Box2D> box, OptionalLong trackId, String label,
                              List<String> evidence, String modelText, String reason, long timeToFirstTokenNanos,
                              double tokensPerSecond) {
    public GroundingAnswer {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(trackId, "trackId");
        label = label == null ? "" : label;
        evidence = List.copyOf(evidence);
        modelText = modelText == null ? "" : modelText;
        reason = reason == null ? "" : reason;
    }

    public boolean ok() {
        return "OK".equals(status);
    }
}
