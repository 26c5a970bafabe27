package io.sightline.perception.scene;

import java.util.OptionalInt;

/**
 * A referring expression for one frame with its resolved target.
 *
 * @param text     the phrase, lower case ("the red cup left of the blue cube")
 * @param kind     expression kind
 * @param targetId the object id it resolves to, or null when it refers to nothing (kind NO_TARGET)
 * @param heldOut  true when the phrasing or the target's colour x shape composition is held out of train
 */
public record ExpressionAnnotation(String text, ExpressionKind kind, Integer targetId, boolean heldOut) {
    public OptionalInt target() {
        return targetId == null ? OptionalInt.empty() : OptionalInt.of(targetId);
    }
}
