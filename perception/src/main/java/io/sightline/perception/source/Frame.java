package io.sightline.perception.source;

import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One captured image. Owns its BGR 8UC3 {@link Mat}: whoever holds the frame last closes it.
 *
 * @param seq             per-source sequence number, 0-based, gap-free unless frames were dropped or skipped
 * @param cameraId        camera id ("front")
 * @param captureNanos    capture time on the monotonic clock ({@link System#nanoTime()}); for replay, the recorded
 *                        timestamp mapped onto the replay start
 * @param captureEpochMs  capture wall-clock time (epoch milliseconds) for headers
 * @param sourceIndex     index in the recording (scene frame index) or -1 for live sources
 * @param image           the pixels (BGR, 8-bit, 3 channels)
 */
public record Frame(long seq, String cameraId, long captureNanos, long captureEpochMs, int sourceIndex, Mat image)
        implements AutoCloseable {
    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(image, "image");
    }

    public int width() { return image.cols(); }
    public int height() { return image.rows(); }

    /** Age of the frame in nanoseconds at {@code nowNanos} on the monotonic clock. */
    public long ageNanos(long nowNanos) {
        return nowNanos - captureNanos;
    }

    @Override
    public void close() {
        image.close();
    }
}
