package io.sightline.perception.source;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Warnings about bad input that may repeat for every frame or line (a corrupt recording, a broken annotations file):
 * the first {@link #FIRST} are written, then one in {@link #EVERY}, each with the count so far, so that a bad file
 * cannot flood the log; {@link #count()} gives the total for the summary. Thread-safe.
 */
public final class LimitedLog {
    public static final int FIRST = 10;
    public static final int EVERY = 100;

    private final AtomicLong count = new AtomicLong();
    private final Consumer<String> sink;

    /** @param sink writes one warning (e.g. {@code log::warn}) */
    public LimitedLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Counts one occurrence and writes it when it is within the limit; returns whether it was written. */
    public boolean warn(String message) {
        long n = count.incrementAndGet();
        if (n <= FIRST || n % EVERY == 0) {
            sink.accept(message + (n == FIRST ? " (" + n + " so far; from now on only every " + EVERY + "th is shown)"
                : n > FIRST ? " (" + n + " so far)" : ""));
            return true;
        }
        return false;
    }

    public long count() {
        return count.get();
    }
}
