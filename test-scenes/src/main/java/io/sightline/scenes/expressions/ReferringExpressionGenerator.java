package io.sightline.scenes.expressions;

import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.List;
import java.util.SplittableRandom;

/** Referring expressions for one frame that resolve to exactly one visible object, or to none. */
public final class ReferringExpressionGenerator {
    public ReferringExpressionGenerator() {
    }

    public List<ExpressionAnnotation> generate(List<ObjectAnnotation> visibleObjects, SplitPolicy policy,
                                               SplittableRandom rng) {
        return List.of();
    }
}
