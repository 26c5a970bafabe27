package io.sightline.perception.service;

import io.sightline.perception.source.Frame;
import java.util.Optional;

/**
 * Keeps the frames the service processed (an MCAP recording, say). Called on the pipeline thread after a frame's
 * messages were handed to the MQTT client: it must not block and must copy what it keeps, since the frame is
 * closed when it returns.
 */
public interface FrameRecorder extends AutoCloseable {
    /** Records nothing. */
    FrameRecorder NONE = new FrameRecorder() {
        @Override
        public void frame(Frame frame) {
        }

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };

    void frame(Frame frame);

    /** Why recording stopped (a full disk, an I/O error), for the status's DEGRADED reasons; empty while it works. */
    Optional<String> failure();

    /** Finishes the recording (the file is whole once this returns). */
    @Override
    void close();
}
