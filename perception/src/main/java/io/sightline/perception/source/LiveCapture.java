package io.sightline.perception.source;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live mode (ARCHITECTURE.md section 3), the one capture loop: a capture thread reads a source as fast as it
 * delivers and offers every frame to a {@link LatestFrameSlot}, so that slow inference always gets the newest
 * frame and stale ones are dropped and counted. When the source ends or fails, the slot is finished (the consumer
 * takes what is left, then sees no more frames) and the source is closed, on the capture thread, which is the only
 * thread that touches it once started; a failure is kept (see {@link #failure()}) and ends the thread, so wrap a
 * camera in a {@link ReconnectingSource} to retry instead. {@code sightline run} uses it; offline commands read
 * their source in order through {@code FrameLoop} instead.
 */
public final class LiveCapture implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveCapture.class);

    private final FrameSource source;
    private final LatestFrameSlot slot;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** Starts capturing at once on a daemon thread named after the source; the source is opened there. */
    public LiveCapture(FrameSource source, LatestFrameSlot slot) {
        this(source, slot, "capture " + source.describe());
    }

    /** As above, on a thread of the given name. */
    public LiveCapture(FrameSource source, LatestFrameSlot slot, String threadName) {
        this.source = source;
        this.slot = slot;
        this.thread = new Thread(this::capture, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void capture() {
        try {
            source.open();
            while (!stopping) {
                Optional<Frame> f = source.next();
                if (f.isEmpty()) {
                    log.info("{} ended after {} frames", source.describe(), source.status().delivered());
                    break;
                }
                slot.offer(f.get());
            }
        } catch (SourceException e) {
            if (!stopping) {
                // A recording that cannot be read (a camera reconnects inside its ReconnectingSource instead).
                log.error("{} stopped: {}", source.describe(), e.getMessage());
                failure.set(e);
            }
        } catch (RuntimeException e) {
            log.error("{} stopped", source.describe(), e);
            failure.set(e);
        } finally {
            slot.finish();
            source.close(); // released as soon as it ends, not when the service stops
        }
    }

    public LatestFrameSlot slot() {
        return slot;
    }

    /**
     * The source's status; FAILED with the failure as reason once a failure stopped the capture, whatever state
     * the source last reported (a recording that throws has not ended, it failed).
     */
    public SourceStatus sourceStatus() {
        SourceStatus s = source.status();
        RuntimeException e = failure.get();
        if (e == null || s.state() == SourceState.FAILED) {
            return s;
        }
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        return new SourceStatus(SourceState.FAILED, reason, s.delivered(), s.skipped(), s.reconnects());
    }

    /** Whether the capture thread still runs (false after the source ended or failed). */
    public boolean running() {
        return thread.isAlive();
    }

    /** Why capturing stopped, if a failure stopped it. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops the thread (which closes the source on its way out) and closes the slot, freeing an untaken frame. A
     * thread still blocked in the source after 5 s is left to close it itself: closing a native capture under a
     * thread that is reading it is a use after release.
     */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5000);
            if (thread.isAlive()) {
                log.warn("thread {} did not stop within 5000 ms; it closes {} when it returns", thread.getName(),
                    source.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slot.close();
    }
}
