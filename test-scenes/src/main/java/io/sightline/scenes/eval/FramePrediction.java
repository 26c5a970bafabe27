package io.sightline.scenes.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the system reported for one frame of one scene.
 *
 * @param scene       scene name (scene.json's name)
 * @param frameIndex  frame index within the scene
 * @param boxes       detections
 * @param stageMillis per-stage latency in milliseconds ("encode", "total", ...)
 */
public record FramePrediction(String scene, int frameIndex, List<PredictedBox> boxes, Map<String, Double> stageMillis) {
    public FramePrediction {
        Objects.requireNonNull(scene, "scene");
        boxes = List.copyOf(boxes);
        stageMillis = Map.copyOf(stageMillis);
    }
}
