package io.sightline.perception.service;

import java.util.concurrent.atomic.AtomicLong;

/** Frames that failed in the pipeline: counted by the loop, reported once a second by the health reporter. */
final class FrameErrors {
    private final AtomicLong count = new AtomicLong();
    private volatile String last = "";

    /** Records a failure; returns how many there have been. */
    long record(RuntimeException e) {
        last = e.toString();
        return count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    String last() {
        return last;
    }
}
