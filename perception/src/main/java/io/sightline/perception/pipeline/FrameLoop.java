package io.sightline.perception.pipeline;

import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.SourceStatus;
import io.sightline.perception.vision.ImageEncoding;
import java.util.Optional;
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
 * <p>With {@code overlap}, the second half of the work ({@link PerceptionPipeline#finish}: detection decoding,
 * tracking, relations, the hook and the sink) runs on a second thread while the calling thread encodes the
 * next frame, so that this work does not add to the encoder's frame time. Finishing stays one frame at a
 * time in frame order, so results are the same as without overlap.
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
    private final BiFunction<Frame, PerceptionResult, PerceptionResult> hook;
    private final BiConsumer<Frame, PerceptionResult> sink;
    private final boolean overlap;

    /** Without overlap: everything on the calling thread. */
    public FrameLoop(PerceptionPipeline pipeline, BiFunction<Frame, PerceptionResult, PerceptionResult> hook,
                     BiConsumer<Frame, PerceptionResult> sink) {
        this(pipeline, hook, sink, false);
    }

    /**
     * @param hook    may return a changed result (e.g. {@link PerceptionResult#withGroundings}); identity when unused
     * @param sink    receives each frame (still open) and its final result
     * @param overlap finish frame N on a second thread while frame N+1 is encoded
     */
    public FrameLoop(PerceptionPipeline pipeline, BiFunction<Frame, PerceptionResult, PerceptionResult> hook,
                     BiConsumer<Frame, PerceptionResult> sink, boolean overlap) {
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
        long frames = 0;
        long skippedSeen = source.status().skipped();
        ExecutorService finisher = overlap ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "finish " + pipeline.sourceName());
            t.setDaemon(true);
            return t;
        }) : null;
        Future<?> pending = null;
        try {
            while (maxFrames <= 0 || frames < maxFrames) {
                long t0 = System.nanoTime();
                Optional<Frame> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                long capture = System.nanoTime() - t0;
                Frame frame = next.get();
                long skipped = source.status().skipped();
                long skippedBefore = skipped - skippedSeen;
                skippedSeen = skipped;
                long encodeStart = System.nanoTime();
                ImageEncoding enc;
                try {
                    enc = pipeline.encode(frame);
                } catch (RuntimeException e) {
                    frame.close();
                    throw e;
                }
                Runnable finish = () -> {
                    try (frame) {
                        PerceptionResult r = pipeline.finish(frame, enc, capture, skippedBefore, encodeStart);
                        sink.accept(frame, hook.apply(frame, r));
                    }
                };
                if (finisher == null) {
                    finish.run();
                } else {
                    await(pending);
                    pending = finisher.submit(finish);
                }
                frames++;
            }
            await(pending);
            pending = null;
        } finally {
            if (finisher != null) {
                if (pending != null) {
                    // Failing out of the loop: let the frame in flight finish (and close) before leaving.
                    try {
                        pending.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException ignored) {
                        // The loop is already failing with its own exception.
                    }
                }
                finisher.shutdownNow();
            }
        }
        SourceStatus status = source.status();
        return new Summary(frames, status.skipped(), System.nanoTime() - started, status);
    }

    /** Waits for the previous frame's finishing; its failure becomes this loop's. */
    private static void await(Future<?> pending) {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
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
