package io.sightline.scenes.eval;

import io.sightline.scenes.real.RealExpression;

/**
 * One expression of the real set judged: the answer it got, the IoU of the answered box with the target (0 when
 * either is absent or the answer was not OK), and whether it counts as correct.
 */
public record ScoredRealExpression(RealExpression expression, ExpressionAnswer answer, double iou, boolean correct) {}
