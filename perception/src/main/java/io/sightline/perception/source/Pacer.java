package io.sightline.perception.source;

/**
 * Releases a recording's frames at their media time after the start (paced, live-like), or at once: the pacing of
 * video files and image folders. Offsets are nanoseconds of media time from the first frame.
 */
final class Pacer {
    private final PaceClock clock;
    private final boolean paced;
    private long startNanos;
    private long startEpochMs;

    Pacer(PaceClock clock, ReplayPacing pacing) {
        this.clock = clock;
        this.paced = pacing == ReplayPacing.RECORDED_FPS;
    }

    void start() {
        startNanos = clock.nanoTime();
        startEpochMs = System.currentTimeMillis();
    }

    /** Waits (when paced) until the frame at {@code offsetNanos} is due; its capture time on the monotonic clock. */
    long release(long offsetNanos) {
        if (!paced) {
            return clock.nanoTime();
        }
        long due = startNanos + offsetNanos;
        clock.sleepUntil(due);
        return due;
    }

    /** The wall-clock time of a capture time returned by {@link #release}. */
    long epochMs(long captureNanos) {
        return startEpochMs + (captureNanos - startNanos) / 1_000_000;
    }
}
