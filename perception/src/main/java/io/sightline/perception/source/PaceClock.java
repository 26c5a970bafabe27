package io.sightline.perception.source;

import java.util.concurrent.locks.LockSupport;

/** The monotonic clock and sleep that paced replay and reconnect backoff use; tests give their own. */
public interface PaceClock {
    long nanoTime();

    /** Sleeps until {@link #nanoTime()} reaches {@code deadlineNanos}; returns at once if it has. */
    void sleepUntil(long deadlineNanos);

    PaceClock SYSTEM = new PaceClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted()) {
                    throw new SourceException("interrupted while waiting");
                }
            }
        }
    };
}
