package io.sightline.perception.service;

import io.sightline.perception.pipeline.PerceptionPipeline;
import java.util.Objects;

/** The pipeline's context of one frame with the frame's capture wall-clock time (for message headers). */
public record ProcessedFrame(PerceptionPipeline.FrameContext context, long captureEpochMs) {
    public ProcessedFrame {
        Objects.requireNonNull(context, "context");
    }
}
