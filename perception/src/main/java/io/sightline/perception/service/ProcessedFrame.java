package io.sightline.perception.service;

import io.sightline.perception.pipeline.FrameOutcome;
import java.util.Objects;

/** A frame's pipeline outcome with its capture wall-clock time (for message headers): what grounding answers on. */
public record ProcessedFrame(FrameOutcome outcome, long captureEpochMs) {
    public ProcessedFrame {
        Objects.requireNonNull(outcome, "outcome");
    }
}
