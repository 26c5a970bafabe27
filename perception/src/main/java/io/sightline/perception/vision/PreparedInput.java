package io.sightline.perception.vision;

import io.sightline.perception.source.Frame;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A frame preprocessed into one of the encoder's input buffers by {@link VisionEncoder#prepare}, waiting for
 * {@link VisionEncoder#encode(PreparedInput)}. It does not own the frame. Closing it hands the buffer back (encode
 * does that); closing twice is harmless.
 */
public final class PreparedInput implements AutoCloseable {
    private final Frame frame;
    private final VisionEncoder.InputBuffer buffer;
    private final long preprocessNanos;
    private final Consumer<VisionEncoder.InputBuffer> release;
    private final AtomicBoolean released = new AtomicBoolean();

    PreparedInput(Frame frame, VisionEncoder.InputBuffer buffer, long preprocessNanos, Consumer<VisionEncoder.InputBuffer> release) {
        this.frame = frame;
        this.buffer = buffer;
        this.preprocessNanos = preprocessNanos;
        this.release = release;
    }

    public Frame frame() {
        return frame;
    }

    VisionEncoder.InputBuffer buffer() {
        if (released.get()) {
            throw new IllegalStateException("prepared input of frame " + frame.seq() + " was already encoded or released");
        }
        return buffer;
    }

    /** Time spent preprocessing (on whichever thread prepared it). */
    public long preprocessNanos() {
        return preprocessNanos;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.accept(buffer);
        }
    }
}
