package io.sightline.perception.pipeline;

/**
 * Where one frame's time went, in nanoseconds on the monotonic clock.
 *
 * @param captureNanos    waiting for the source to read and decode the image (near 0 with read-ahead)
 * @param preprocessNanos resize and normalise into the encoder's input buffer
 * @param encodeNanos     the vision encoder graph (including copying its outputs)
 * @param detectNanos     dense-head decoding: peaks, boxes, per-class NMS
 * @param decodeNanos     language decoding (grounding / describe prompts); 0 on detection-only frames
 * @param postNanos       tracking, ground-plane positions, relations and the description sentence
 * @param totalNanos      from the start of capture to the finished result
 */
public record StageTimings(long captureNanos, long preprocessNanos, long encodeNanos, long detectNanos, long decodeNanos,
                           long postNanos, long totalNanos) {
    public StageTimings {
        if (captureNanos < 0 || preprocessNanos < 0 || encodeNanos < 0 || detectNanos < 0 || decodeNanos < 0
                || postNanos < 0 || totalNanos < 0) {
            throw new IllegalArgumentException("stage timings must not be negative: capture=" + captureNanos + " preprocess="
                + preprocessNanos + " encode=" + encodeNanos + " detect=" + detectNanos + " decode=" + decodeNanos
                + " post=" + postNanos + " total=" + totalNanos);
        }
    }

    /** The same timings with the capture stage (measured by the caller) added to it and to the total. */
    public StageTimings withCapture(long nanos) {
        return new StageTimings(nanos, preprocessNanos, encodeNanos, detectNanos, decodeNanos, postNanos, totalNanos + nanos);
    }
}
