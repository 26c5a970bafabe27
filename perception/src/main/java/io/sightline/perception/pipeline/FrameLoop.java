package io.sightline.perception.pipeline;

import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.SourceStatus;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vision.PreparedInput;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Drives a source through a pipeline frame by frame (replay: every frame, in order): times the capture,
 * counts skipped frames per result, lets a hook add to each result (grounding of the frame's annotated
 * expressions), hands frame and result to a sink (results file, annotated video) and closes the frame.
 *
 * <p>With {@code overlap}, the calling thread runs only the encoder graph: a helper thread reads and preprocesses
 * the next frame ({@link PerceptionPipeline#prepare}) while the current one encodes, and then runs the second half
 * of the work ({@link PerceptionPipeline#finish}: detection decoding, tracking, relations, the hook and the sink),
 * so that none of it adds to the encoder's frame time. Finishing stays one frame at a time in frame order, so
 * results are the same as without overlap.
 */
public final class FrameLoop {
    /**
     * @param frames        results produced
     * @param skipped       frames the source skipped
     * @param elapsedNanos  wall time of the loop
     * @param sourceStatus  the source's final status
     */
    public record Summary(long frames, long skipped, long elapsedNanos, SourceStatus sourceStatus) {
        public double framesPerSecond() {
            return elapsedNanos > 0 ? frames * 1e9 / elapsedNanos : 0;
        }
    }

    private final PerceptionPipeline pipeline;
    private final BiFunction<Frame, FrameOutcome, FrameOutcome> hook;
    private final BiConsumer<Frame, FrameOutcome> sink;
    private final boolean overlap;

    /** Without overlap: everything on the calling thread. */
    public FrameLoop(PerceptionPipeline pipeline, BiFunction<Frame, FrameOutcome, FrameOutcome> hook,
                     BiConsumer<Frame, FrameOutcome> sink) {
        this(pipeline, hook, sink, false);
    }

    /**
     * @param hook    may return a changed outcome (e.g. {@link FrameOutcome#withGroundings}); identity when unused
     * @param sink    receives each frame (still open) and its final outcome
     * @param overlap finish frame N on a second thread while frame N+1 is encoded
     */
    public FrameLoop(PerceptionPipeline pipeline, BiFunction<Frame, FrameOutcome, FrameOutcome> hook,
                     BiConsumer<Frame, FrameOutcome> sink, boolean overlap) {
        this.pipeline = pipeline;
        this.hook = hook;
        this.sink = sink;
        this.overlap = overlap;
    }

    /** Opens the source if {@code open}, then runs until it ends or {@code maxFrames} results (0 = no limit). */
    public Summary run(FrameSource source, boolean open, long maxFrames) {
        if (open) {
            source.open();
        }
        long started = System.nanoTime();
        long frames = overlap ? runOverlapped(source, maxFrames) : runSequential(source, maxFrames);
        SourceStatus status = source.status();
        return new Summary(frames, status.skipped(), System.nanoTime() - started, status);
    }

    private long runSequential(FrameSource source, long maxFrames) {
        long frames = 0;
        long skippedSeen = source.status().skipped();
        while (maxFrames <= 0 || frames < maxFrames) {
            long t0 = System.nanoTime();
            Optional<Frame> next = source.next();
            if (next.isEmpty()) {
                break;
            }
            long capture = System.nanoTime() - t0;
            long skipped = source.status().skipped();
            long skippedBefore = skipped - skippedSeen;
            skippedSeen = skipped;
            try (Frame frame = next.get()) {
                FrameIntake intake = FrameIntake.startingNow(capture, skippedBefore);
                ImageEncoding enc = pipeline.encode(frame);
                sink.accept(frame, hook.apply(frame, pipeline.finish(frame, enc, intake)));
            }
            frames++;
        }
        return frames;
    }

    /** A frame read and preprocessed on the helper thread, or the end of the source ({@code input} null). */
    private record Ahead(PreparedInput input, long captureNanos, long skippedBefore) {
    }

    /**
     * The calling thread only runs the encoder graph. One helper thread, in this order per frame: reads and
     * preprocesses frame N+1 (submitted before frame N's encoding starts), then finishes frame N (dense head,
     * tracker, relations, hook, sink). Both queue on the one helper, so finishing stays in frame order.
     */
    private long runOverlapped(FrameSource source, long maxFrames) {
        long[] skippedSeen = {source.status().skipped()}; // helper-thread confined after this line
        Callable<Ahead> readAhead = () -> {
            long t0 = System.nanoTime();
            Optional<Frame> next = source.next();
            if (next.isEmpty()) {
                return new Ahead(null, 0, 0);
            }
            long capture = System.nanoTime() - t0;
            long skipped = source.status().skipped();
            long before = skipped - skippedSeen[0];
            skippedSeen[0] = skipped;
            try {
                return new Ahead(pipeline.prepare(next.get()), capture, before);
            } catch (RuntimeException e) {
                next.get().close();
                throw e;
            }
        };
        ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "finish " + pipeline.sourceName());
            t.setDaemon(true);
            return t;
        });
        long frames = 0;
        Future<Ahead> ahead = null;
        Future<?> pending = null;
        try {
            ahead = helper.submit(readAhead);
            while (ahead != null) {
                Ahead current = await(ahead);
                ahead = null;
                if (current.input() == null) {
                    break;
                }
                if (maxFrames <= 0 || frames + 1 < maxFrames) {
                    ahead = helper.submit(readAhead);
                }
                Frame frame = current.input().frame();
                FrameIntake intake = new FrameIntake(current.captureNanos(), current.skippedBefore(),
                    System.nanoTime() - current.input().preprocessNanos());
                ImageEncoding enc;
                try {
                    enc = pipeline.encode(current.input());
                } catch (RuntimeException e) {
                    frame.close();
                    throw e;
                }
                try {
                    await(pending);
                } catch (RuntimeException | Error e) {
                    frame.close(); // the previous frame failed: this one will not be finished
                    throw e;
                }
                pending = helper.submit(() -> {
                    try (frame) {
                        sink.accept(frame, hook.apply(frame, pipeline.finish(frame, enc, intake)));
                    }
                });
                frames++;
            }
            await(pending);
            pending = null;
        } finally {
            // Failing out of the loop: let the frame in flight finish (and close), and close a frame read ahead.
            quietly(pending);
            Ahead unused = quietly(ahead);
            if (unused != null && unused.input() != null) {
                unused.input().close();
                unused.input().frame().close();
            }
            helper.shutdownNow();
        }
        return frames;
    }

    /** The result of a future the loop no longer needs, or null; the loop is already failing with its own exception. */
    private static <T> T quietly(Future<T> f) {
        try {
            return await(f);
        } catch (RuntimeException | Error ignored) {
            return null; // reported by the loop's own failure
        }
    }

    /** Waits for work on the helper thread; its failure becomes this loop's. */
    private static <T> T await(Future<T> pending) {
        if (pending == null) {
            return null;
        }
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing a frame", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
