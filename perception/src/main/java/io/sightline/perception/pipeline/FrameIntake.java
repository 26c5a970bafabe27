package io.sightline.perception.pipeline;

/**
 * How a frame reached the pipeline, measured by the loop that fed it ({@link FrameLoop}, the service's loop).
 *
 * @param captureNanos     time spent getting the frame: the source's read and decode, or its wait in the
 *                         latest-frame slot (capture-to-preprocess in {@link StageTimings})
 * @param skippedBefore    frames the source skipped (or the slot dropped) since the previous frame
 * @param encodeStartNanos {@link System#nanoTime()} when preprocessing of this frame began; the total runs from
 *                         there (plus capture)
 */
public record FrameIntake(long captureNanos, long skippedBefore, long encodeStartNanos) {
    public FrameIntake {
        if (captureNanos < 0 || skippedBefore < 0) {
            throw new IllegalArgumentException("frame intake must not be negative: capture=" + captureNanos
                + " skippedBefore=" + skippedBefore);
        }
    }

    /** A frame whose preprocessing starts now. */
    public static FrameIntake startingNow(long captureNanos, long skippedBefore) {
        return new FrameIntake(captureNanos, skippedBefore, System.nanoTime());
    }
}
