package io.sightline.perception.vision;

import io.sightline.perception.source.Frame;
import io.sightline.runtime.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A frame preprocessed into one of the encoder's input buffers by {@link VisionEncoder#prepare}, waiting for
 * {@link VisionEncoder#encode(PreparedInput)}. It does not own the frame. Closing it hands the buffer back (encode
 * does that); closing twice is harmless.
 */
public final class PreparedInput implements AutoCloseable {
    private final Frame frame;
    private final Tensor pixels;
    private final long preprocessNanos;
    private final Consumer<Tensor> release;
    private final AtomicBoolean released = new AtomicBoolean();

    PreparedInput(Frame frame, Tensor pixels, long preprocessNanos, Consumer<Tensor> release) {
        this.frame = frame;
        this.pixels = pixels;
        this.preprocessNanos = preprocessNanos;
        this.release = release;
    }

    public Frame frame() {
        return frame;
    }

    Tensor pixels() {
        if (released.get()) {
            throw new IllegalStateException("prepared input of frame " + frame.seq() + " was already encoded or released");
        }
        return pixels;
    }

    /** Time spent preprocessing (on whichever thread prepared it). */
    public long preprocessNanos() {
        return preprocessNanos;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.accept(pixels);
        }
    }
}
