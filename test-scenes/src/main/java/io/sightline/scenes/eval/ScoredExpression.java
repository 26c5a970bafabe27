package io.sightline.scenes.eval;

import io.sightline.perception.scene.ExpressionAnnotation;
import java.util.Optional;

/**
 * One referring expression judged: its frame, the annotation, the prediction (empty when the system gave
 * none), whether it counts as correct, and the IoU of the predicted box with the target (0 when either is absent).
 */
public record ScoredExpression(FrameKey frame, ExpressionAnnotation expression, Optional<GroundingPrediction> prediction,
                               boolean correct, double iou) {}
