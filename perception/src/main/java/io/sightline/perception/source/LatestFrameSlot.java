package io.sightline.perception.source;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Single-slot handoff from a live capture thread to the (slower) inference thread: the newest frame
 * wins. A frame offered while the previous one was not yet taken replaces it; the stale one is closed
 * and counted as dropped (ARCHITECTURE.md section 3, "latest-frame-wins"). Thread-safe.
 */
public final class LatestFrameSlot implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private Frame frame;
    private long offered;
    private long dropped;
    private boolean closed;
    private boolean finished;

    /**
     * Puts a frame in the slot, closing and counting an untaken one. After {@link #close()} the frame is
     * closed at once (and counted as dropped).
     */
    public void offer(Frame f) {
        Frame stale;
        lock.lock();
        try {
            offered++;
            if (closed || finished) {
                dropped++;
                stale = f;
            } else {
                stale = frame;
                if (stale != null) {
                    dropped++;
                }
                frame = f;
                filled.signal();
            }
        } finally {
            lock.unlock();
        }
        if (stale != null) {
            stale.close();
        }
    }

    /** The newest frame (the caller owns it), waiting up to {@code timeout}; empty on timeout or once closed. */
    public Optional<Frame> take(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lock();
        try {
            while (frame == null && !closed && !finished) {
                if (left <= 0) {
                    return Optional.empty();
                }
                left = filled.awaitNanos(left);
            }
            Frame f = frame;
            frame = null;
            return Optional.ofNullable(f);
        } finally {
            lock.unlock();
        }
    }

    /** Frames offered so far. */
    public long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    /** Frames replaced before anyone took them, offered after finish/close, or discarded by close. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The producer has no more frames: a frame still in the slot can be taken, after which {@link #take}
     * returns empty at once; later offers are dropped.
     */
    public void finish() {
        lock.lock();
        try {
            finished = true;
            filled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the producer finished (or the slot was closed) and no frame is left to take. */
    public boolean drained() {
        lock.lock();
        try {
            return (finished || closed) && frame == null;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting takers and closes an untaken frame (counted as dropped). */
    @Override
    public void close() {
        Frame stale;
        lock.lock();
        try {
            closed = true;
            stale = frame;
            frame = null;
            if (stale != null) {
                dropped++;
            }
            filled.signalAll();
        } finally {
            lock.unlock();
        }
        if (stale != null) {
            stale.close();
        }
    }
}
