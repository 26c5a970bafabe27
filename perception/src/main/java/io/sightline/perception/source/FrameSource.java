package io.sightline.perception.source;

import java.util.Optional;

/**
 * Where frames come from: a camera, a video, an image folder, a recorded scene or a GStreamer pipeline.
 * One thread calls {@link #open()} then {@link #next()} until it returns empty; {@link #status()} may be
 * read from any thread.
 */
public interface FrameSource extends AutoCloseable {
    /**
     * Opens the device or file.
     *
     * @throws SourceException naming the source when it cannot be opened
     */
    void open();

    /**
     * The next frame (the caller owns and closes it), blocking until one is available; empty when a finite
     * source has ended. Unreadable single frames are skipped and counted.
     *
     * @throws SourceException when the source fails (device gone, process died)
     */
    Optional<Frame> next();

    /** State and counters now. */
    SourceStatus status();

    /**
     * What the source is for the status topic: URI without credentials, resolution, fps, codec (what is known so
     * far; by name only until the source opened).
     */
    default SourceInfo info() {
        return SourceInfo.named(describe());
    }

    /** A short name for logs and status: "scene demo-01", "camera /dev/video0". */
    String describe();

    /** Releases the device; idempotent. */
    @Override
    void close();
}
