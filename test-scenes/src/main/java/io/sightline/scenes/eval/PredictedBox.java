package io.sightline.scenes.eval;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One detection the system reported for a frame.
 *
 * @param shape    shape label ("cup")
 * @param colour   colour ("red"), empty when the model has none
 * @param score    confidence
 * @param box      box in source-frame pixels
 * @param position ground-plane position in base_link (metres), when geometry ran
 * @param trackId  tracker id, when tracking ran
 */
public record PredictedBox(String shape, String colour, double score, Box2D box, Optional<Vec3> position,
                           OptionalLong trackId) {
    public PredictedBox {
        Objects.requireNonNull(shape, "shape");
        colour = colour == null ? "" : colour;
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(trackId, "trackId");
    }
}
