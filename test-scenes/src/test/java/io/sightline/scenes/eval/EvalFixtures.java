package io.sightline.scenes.eval;

import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Small hand-made scenes for the evaluation tests. */
final class EvalFixtures {
    static final Vec3 SIZE = new Vec3(0.06, 0.06, 0.08);

    private EvalFixtures() {}

    static ObjectAnnotation object(int id, String colour, String shape, Box2D box, double x, double y) {
        return new ObjectAnnotation(id, shape, colour, box, new Vec3(x, y, 0), 0, SIZE, 1.0, false);
    }

    static FrameAnnotation frame(int index, List<ObjectAnnotation> objects, List<ExpressionAnnotation> expressions) {
        return new FrameAnnotation(index, String.format("frames/%06d.png", index), index * 100_000_000L,
            RigidTransform.IDENTITY, objects, expressions);
    }

    static ExpressionAnnotation expr(String text, ExpressionKind kind, Integer target, boolean heldOut) {
        return new ExpressionAnnotation(text, kind, target, heldOut);
    }

    static PredictedBox predicted(String colour, String shape, double score, Box2D box, Vec3 position, long track) {
        return new PredictedBox(shape, colour, score, box, Optional.ofNullable(position),
            track < 0 ? OptionalLong.empty() : OptionalLong.of(track));
    }

    static FramePrediction prediction(String scene, int index, List<PredictedBox> boxes, Map<String, Double> ms) {
        return new FramePrediction(scene, index, boxes, ms);
    }

    static GroundingPrediction answer(String scene, int index, String text, GroundingStatus status, Box2D box) {
        return new GroundingPrediction(scene, index, text, status, Optional.ofNullable(box));
    }
}
