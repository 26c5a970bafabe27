package io.sightline.scenes.real;

import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;

/**
 * One hand-written referring expression over an image of the real set.
 *
 * @param image      the image as {@code labels.jsonl} names it ("images/ocv-vtest-f300.jpg")
 * @param expression the words, as a person would say them
 * @param kind       what it tests
 * @param target     the referred object's box in source pixels; empty exactly for {@link RealExpressionKind#NO_TARGET}
 * @param split      VAL or TEST, the split of its image
 * @param note       why the answer is what it is, where that is not obvious; "" otherwise
 * @param line       the line of {@code expressions.jsonl} it came from (1-based), for messages
 */
public record RealExpression(String image, String expression, RealExpressionKind kind, Optional<Box2D> target,
                             ImageSplit split, String note, int line) {
    public RealExpression {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(split, "split");
        note = note == null ? "" : note;
        if (expression.isBlank()) {
            throw new IllegalArgumentException("expression is empty");
        }
        if (split == ImageSplit.ALL) {
            throw new IllegalArgumentException("an expression's split is val or test");
        }
        if ((kind == RealExpressionKind.NO_TARGET) != target.isEmpty()) {
            throw new IllegalArgumentException(kind == RealExpressionKind.NO_TARGET
                ? "a NO_TARGET expression has target null, got " + target.get()
                : "a " + kind + " expression needs a target box");
        }
    }

    /** Where it came from, for messages: "images/ocv-left.jpg 'the blue book' (line 12)". */
    public String where() {
        return image + " '" + expression + "' (line " + line + ")";
    }
}
