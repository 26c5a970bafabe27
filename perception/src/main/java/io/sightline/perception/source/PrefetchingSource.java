package io.sightline.perception.source;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (and decodes) the next frames of a finite source on its own thread while the caller works on the
 * current one, so that image decoding overlaps inference instead of adding to it. Every frame is delivered,
 * in order (unlike {@link LatestFrameSlot}, which is for live sources): replay stays deterministic. The
 * status returned after a frame is the inner source's status as it was right after reading that frame, so
 * skip counts line up with the frames they precede whatever the read-ahead.
 */
public final class PrefetchingSource implements FrameSource {
    /** A frame, or the end (frame null, error null), or a failure (error set), with the status after it. */
    private record Item(Frame frame, SourceException error, SourceStatus status) {}

    private final FrameSource inner;
    private final BlockingQueue<Item> queue;
    private Thread reader;
    private volatile boolean closed;
    private SourceStatus current;
    private boolean ended;

    /** @param depth frames read ahead (each holds one decoded image in memory) */
    public PrefetchingSource(FrameSource inner, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("prefetch depth must be >= 1, got " + depth);
        }
        this.inner = inner;
        this.queue = new ArrayBlockingQueue<>(depth);
    }

    @Override
    public void open() {
        inner.open();
        current = inner.status();
        reader = new Thread(this::readAhead, "prefetch " + inner.describe());
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead() {
        try {
            while (!closed) {
                Item item;
                try {
                    Optional<Frame> f = inner.next();
                    item = new Item(f.orElse(null), null, inner.status());
                } catch (SourceException e) {
                    item = new Item(null, e, inner.status());
                } catch (RuntimeException e) {
                    item = new Item(null, new SourceException(inner.describe() + ": " + e, e), inner.status());
                }
                queue.put(item);
                if (item.frame() == null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<Frame> next() {
        if (reader == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        if (ended) {
            return Optional.empty();
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(describe() + ": interrupted while waiting for a frame", e);
        }
        current = item.status();
        if (item.error() != null) {
            ended = true;
            throw item.error();
        }
        if (item.frame() == null) {
            ended = true;
            return Optional.empty();
        }
        return Optional.of(item.frame());
    }

    @Override
    public SourceStatus status() {
        SourceStatus s = current;
        return s != null ? s : inner.status();
    }

    @Override
    public SourceInfo info() {
        return inner.info();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        closed = true;
        if (reader != null) {
            reader.interrupt();
            // Unblock a reader waiting on a full queue, and free decoded frames nobody will take.
            drain();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drain();
        }
        inner.close();
    }

    private void drain() {
        Item item;
        while ((item = queue.poll()) != null) {
            if (item.frame() != null) {
                item.frame().close();
            }
        }
    }
}
