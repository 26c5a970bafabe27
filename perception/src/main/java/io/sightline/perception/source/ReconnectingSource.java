package io.sightline.perception.source;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps a live source going: when opening fails or a frame read throws, the inner source is closed and a
 * fresh one (from the factory) is opened after an exponential {@link Backoff}. State: CONNECTING until the
 * first frame, STREAMING, RECONNECTING (with the failure as reason) while retrying, FAILED after
 * {@link Backoff#maxAttempts()} failures in a row (then {@link #next()} throws). The end of a finite inner
 * source ends this one too.
 */
public final class ReconnectingSource implements FrameSource {
    private final Supplier<FrameSource> factory;
    private final Backoff backoff;
    private final PaceClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final String name;
    private volatile FrameSource inner;
    private int failuresInRow;
    private boolean everOpened;
    private volatile boolean closed;
    private volatile SourceInfo lastInfo;

    /** @param name what the sources are, for status and errors ("camera /dev/video0") */
    public ReconnectingSource(String name, Supplier<FrameSource> factory, Backoff backoff) {
        this(name, SourceInfo.named(name), factory, backoff, PaceClock.SYSTEM);
    }

    /**
     * @param name   what the sources are, for errors ("camera /dev/video0")
     * @param before what {@link #info()} says until a source opened (its URI: the status shows it while the first
     *               attempts fail)
     */
    public ReconnectingSource(String name, SourceInfo before, Supplier<FrameSource> factory, Backoff backoff) {
        this(name, before, factory, backoff, PaceClock.SYSTEM);
    }

    public ReconnectingSource(String name, Supplier<FrameSource> factory, Backoff backoff, PaceClock clock) {
        this(name, SourceInfo.named(name), factory, backoff, clock);
    }

    private ReconnectingSource(String name, SourceInfo before, Supplier<FrameSource> factory, Backoff backoff, PaceClock clock) {
        this.name = name;
        this.factory = factory;
        this.backoff = backoff;
        this.clock = clock;
        this.lastInfo = before;
    }

    /** Tries once; a failure leaves the source RECONNECTING (next() retries) instead of throwing. */
    @Override
    public void open() {
        tryOpen();
    }

    @Override
    public Optional<Frame> next() {
        while (!closed) {
            if (inner == null) {
                if (backoff.maxAttempts() > 0 && failuresInRow >= backoff.maxAttempts()) {
                    String reason = counters.status().reason();
                    counters.state(SourceState.FAILED, reason);
                    throw new SourceException(name + ": gave up after " + failuresInRow + " failed attempts: " + reason);
                }
                clock.sleepUntil(clock.nanoTime() + backoff.delayNanos(failuresInRow));
                if (!tryOpen()) {
                    continue;
                }
            }
            try {
                Optional<Frame> f = inner.next();
                if (f.isEmpty()) {
                    counters.state(SourceState.ENDED, "");
                } else {
                    failuresInRow = 0;
                    counters.delivered();
                }
                return f;
            } catch (SourceException e) {
                fail(e);
            }
        }
        return Optional.empty();
    }

    private boolean tryOpen() {
        FrameSource s = null;
        try {
            s = factory.get();
            s.open();
            if (everOpened) {
                counters.reconnected();
            }
            everOpened = true;
            inner = s;
            lastInfo = s.info();
            if (counters.state() != SourceState.STREAMING) {
                counters.state(SourceState.CONNECTING, "");
            }
            return true;
        } catch (SourceException e) {
            if (s != null) {
                s.close();
            }
            fail(e);
            return false;
        }
    }

    private void fail(SourceException e) {
        if (inner != null) {
            lastInfo = inner.info();
            inner.close();
            inner = null;
        }
        failuresInRow++;
        counters.state(SourceState.RECONNECTING, e.getMessage());
    }

    @Override
    public SourceStatus status() {
        SourceStatus s = counters.status();
        FrameSource in = inner;
        long skipped = in == null ? 0 : in.status().skipped();
        return new SourceStatus(s.state(), s.reason(), s.delivered(), s.skipped() + skipped, s.reconnects());
    }

    /** The open inner source's, else the last one known (the stream's size and codec stay shown while it reconnects). */
    @Override
    public SourceInfo info() {
        FrameSource in = inner;
        if (in != null) {
            lastInfo = in.info();
        }
        return lastInfo;
    }

    @Override
    public String describe() {
        return name + " (reconnecting)";
    }

    @Override
    public void close() {
        closed = true;
        if (inner != null) {
            inner.close();
            inner = null;
        }
        counters.closed();
    }
}
