package io.sightline.scenes.eval;

import java.nio.file.Path;

/**
 * What {@link RealGroundingScorer} scores: answers a referring expression on one image. The scorer asks about one
 * image's expressions one after another, so an implementation may keep the detections of the last image it saw.
 */
@FunctionalInterface
public interface ExpressionGrounder {
    /**
     * @param image      the image file
     * @param expression the words to ground
     */
    ExpressionAnswer ground(Path image, String expression);
}
