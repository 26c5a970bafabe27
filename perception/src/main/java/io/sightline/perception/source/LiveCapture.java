package io.sightline.perception.source;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Live mode (ARCHITECTURE.md section 3): a capture thread reads a source as fast as it delivers and offers
 * every frame to a {@link LatestFrameSlot}, so that slow inference always gets the newest frame and stale
 * ones are dropped and counted. The source's failures are kept (see {@link #failure()}) and end the
 * thread; wrap a camera in a {@link ReconnectingSource} to retry instead.
 */
public final class LiveCapture implements AutoCloseable {
    private final FrameSource source;
    private final LatestFrameSlot slot;
    private final Thread thread;
    private final AtomicReference<SourceException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** Starts capturing at once on a daemon thread named after the source; the source is opened there. */
    public LiveCapture(FrameSource source, LatestFrameSlot slot) {
        this.source = source;
        this.slot = slot;
        this.thread = new Thread(this::capture, "capture " + source.describe());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void capture() {
        try {
            source.open();
            while (!stopping) {
                var f = source.next();
                if (f.isEmpty()) {
                    break;
                }
                slot.offer(f.get());
            }
        } catch (SourceException e) {
            if (!stopping) {
                failure.set(e);
            }
        } finally {
            // The end (or failure) of the source: the consumer takes what is left, then sees no more frames.
            slot.finish();
        }
    }

    public LatestFrameSlot slot() {
        return slot;
    }

    public SourceStatus sourceStatus() {
        return source.status();
    }

    /** Whether the capture thread still runs (false after the source ended or failed). */
    public boolean running() {
        return thread.isAlive();
    }

    /** Why capturing stopped, if a failure stopped it. */
    public java.util.Optional<SourceException> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    /** Stops the thread, closes the source and the slot (freeing an untaken frame). */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        slot.close();
    }
}
