package io.sightline.perception.source;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thread-safe state and counters of one source; {@link #status()} snapshots them for another thread. */
final class SourceCounters {
    private static final Logger log = LoggerFactory.getLogger(SourceCounters.class);

    private record StateAndReason(SourceState state, String reason) {}

    private final AtomicReference<StateAndReason> state = new AtomicReference<>(new StateAndReason(SourceState.CONNECTING, ""));
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<String> lastSkip = new AtomicReference<>("");
    private final LimitedLog skipLog = new LimitedLog(m -> log.warn("frame skipped: {}", m));

    void state(SourceState s, String reason) {
        state.set(new StateAndReason(s, reason));
    }

    /**
     * The owner closed the source: CLOSED, unless it had already ENDED or FAILED, which stay what status reports
     * (a source is closed as soon as it stops, and health reads it after).
     */
    void closed() {
        state.updateAndGet(now -> now.state() == SourceState.ENDED || now.state() == SourceState.FAILED
            ? now : new StateAndReason(SourceState.CLOSED, ""));
    }

    SourceState state() {
        return state.get().state();
    }

    /** Counts a delivered frame; the source is STREAMING. */
    void delivered() {
        delivered.incrementAndGet();
        StateAndReason now = state.get();
        if (now.state() != SourceState.STREAMING) {
            state.set(new StateAndReason(SourceState.STREAMING, ""));
        }
    }

    /** Counts a skipped frame; the reason (naming the file) is logged, rate-limited ({@link LimitedLog}). */
    void skipped(String reason) {
        skipped.incrementAndGet();
        skipLog.warn(reason);
        lastSkip.set(reason);
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    long deliveredCount() {
        return delivered.get();
    }

    SourceStatus status() {
        StateAndReason s = state.get();
        // With no state reason, the last skipped frame's reason says what went wrong last.
        String reason = s.reason().isEmpty() ? lastSkip.get() : s.reason();
        return new SourceStatus(s.state(), reason, delivered.get(), skipped.get(), reconnects.get());
    }
}
