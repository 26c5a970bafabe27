package io.sightline.perception.source;

import io.sightline.perception.scene.DecodeScale;
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
 * @param image           the pixels (BGR, 8-bit, 3 channels); smaller than the sensor when the source decoded a
 *                        recorded JPEG at a reduced scale ({@link DecodeScale})
 * @param sensorWidth     the width in pixels of the camera image the frame stands for: boxes, positions and
 *                        results are in these pixels whatever size {@code image} was decoded at
 * @param sensorHeight    the height likewise
 */
public record Frame(long seq, String cameraId, long captureNanos, long captureEpochMs, int sourceIndex, Mat image,
                    int sensorWidth, int sensorHeight) implements AutoCloseable {
    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(image, "image");
        if (sensorWidth < image.cols() || sensorHeight < image.rows()) {
            throw new IllegalArgumentException("sensor size " + sensorWidth + "x" + sensorHeight
                + " is smaller than the decoded image " + image.cols() + "x" + image.rows());
        }
    }

    /** A frame decoded at the sensor's full size. */
    public Frame(long seq, String cameraId, long captureNanos, long captureEpochMs, int sourceIndex, Mat image) {
        this(seq, cameraId, captureNanos, captureEpochMs, sourceIndex, image, image.cols(), image.rows());
    }

    /** The sensor's width: the pixel space of boxes and results ({@link #image()} may be smaller). */
    public int width() { return sensorWidth; }
    public int height() { return sensorHeight; }

    /** True when {@link #image()} holds fewer pixels than the sensor (decoded at a reduced scale). */
    public boolean reduced() {
        return image.cols() != sensorWidth || image.rows() != sensorHeight;
    }

    /** Age of the frame in nanoseconds at {@code nowNanos} on the monotonic clock. */
    public long ageNanos(long nowNanos) {
        return nowNanos - captureNanos;
    }

    @Override
    public void close() {
        image.close();
    }
}
