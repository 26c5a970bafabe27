package io.sightline.perception.service;

import io.sightline.perception.pipeline.StageTimings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Frame counters and latency percentiles of the running service, over the last {@link #WINDOW} frames
 * (percentiles) and the last {@link #FPS_WINDOW_NANOS} (frame rate), and each stage's latency histogram since
 * start ({@link #histograms()}, for Prometheus). Written by the processing thread, read by the health publisher
 * and the HTTP port; thread-safe.
 */
public final class ServiceMetrics {
    static final int WINDOW = 256;
    static final long FPS_WINDOW_NANOS = 3_000_000_000L;

    /**
     * @param fps             frames finished per second over the last few seconds
     * @param p50             median of each stage over the window (each field on its own)
     * @param p99             99th percentile of each stage over the window
     * @param publishP50Nanos median time to build and hand off the frame's messages
     * @param publishP99Nanos 99th percentile of that
     * @param frames          frames processed since start
     * @param dropped         frames dropped by latest-frame-wins plus frames the source skipped
     * @param frameAgeP50Nanos median capture-to-publish age
     * @param uptimeNanos     since the service started
     * @param lastObjects     objects in the latest frame
     */
    public record Snapshot(double fps, StageTimings p50, StageTimings p99, long publishP50Nanos, long publishP99Nanos,
                           long frames, long dropped, long frameAgeP50Nanos, long uptimeNanos, int lastObjects) {}

    /**
     * One stage's latencies since start.
     *
     * @param stage             capture, preprocess, encode, detect, decode, post, total or publish
     * @param boundsNanos       bucket upper bounds, ascending
     * @param cumulativeCounts  observations at or under each bound, then the count of all ({@code +Inf})
     * @param count             observations
     * @param sumNanos          their sum
     */
    public record Histogram(String stage, long[] boundsNanos, long[] cumulativeCounts, long count, long sumNanos) {
    }

    /**
     * Frames lost before the pipeline, by why.
     *
     * @param latestFrameWins replaced in the {@code LatestFrameSlot} by a newer frame before the pipeline took them
     * @param sourceSkipped   frames the source itself skipped (a paced replay behind its clock, a stream's gaps)
     */
    public record Drops(long latestFrameWins, long sourceSkipped) {
        public long total() {
            return latestFrameWins + sourceSkipped;
        }
    }

    /** Stage names, in {@link StageTimings} order, then the publish step. */
    static final String[] STAGE_NAMES = {"capture", "preprocess", "encode", "detect", "decode", "post", "total",
        "publish"};
    private static final int STAGES = 7;
    private static final int DECODE = 4;

    private final LongSupplier clock;
    private final long started;
    private final long[][] stages = new long[STAGES][WINDOW];
    private final long[] publish = new long[WINDOW];
    private final long[] age = new long[WINDOW];
    private final long[] finishedAt = new long[WINDOW];
    private final LatencyHistogram[] histograms = new LatencyHistogram[STAGE_NAMES.length];
    private long frames;
    private Drops drops = new Drops(0, 0);
    private int lastObjects;

    public ServiceMetrics() {
        this(System::nanoTime);
    }

    /** With another monotonic clock (tests). */
    public ServiceMetrics(LongSupplier clock) {
        this.clock = clock;
        this.started = clock.getAsLong();
        for (int s = 0; s < histograms.length; s++) {
            histograms[s] = new LatencyHistogram();
        }
    }

    /**
     * One processed and published frame.
     *
     * @param dropped cumulative frames lost before the pipeline as of this frame
     */
    public synchronized void frame(StageTimings t, long publishNanos, long ageNanos, Drops dropped, int objects) {
        int i = (int) (frames % WINDOW);
        long[] values = {t.captureNanos(), t.preprocessNanos(), t.encodeNanos(), t.detectNanos(), t.decodeNanos(),
            t.postNanos(), t.totalNanos()};
        for (int s = 0; s < STAGES; s++) {
            stages[s][i] = values[s];
            if (s != DECODE || values[s] > 0) { // decode runs on grounding frames only; 0 is "did not run"
                histograms[s].observe(values[s]);
            }
        }
        histograms[STAGES].observe(publishNanos);
        publish[i] = publishNanos;
        age[i] = ageNanos;
        finishedAt[i] = clock.getAsLong();
        frames++;
        drops = dropped;
        lastObjects = objects;
    }

    public synchronized Snapshot snapshot() {
        long now = clock.getAsLong();
        int n = (int) Math.min(frames, WINDOW);
        long recent = 0;
        for (int i = 0; i < n; i++) {
            if (now - finishedAt[i] <= FPS_WINDOW_NANOS) {
                recent++;
            }
        }
        long span = Math.min(FPS_WINDOW_NANOS, now - started);
        double fps = recent == 0 || span <= 0 ? 0 : recent * 1e9 / span;
        long[] p50 = new long[STAGES];
        long[] p99 = new long[STAGES];
        for (int s = 0; s < STAGES; s++) {
            p50[s] = percentile(stages[s], n, 0.50);
            p99[s] = percentile(stages[s], n, 0.99);
        }
        return new Snapshot(fps, timings(p50), timings(p99), percentile(publish, n, 0.50), percentile(publish, n, 0.99),
            frames, drops.total(), percentile(age, n, 0.50), now - started, lastObjects);
    }

    /** Each stage's latencies since start, in {@link #STAGE_NAMES} order. */
    public synchronized List<Histogram> histograms() {
        List<Histogram> out = new ArrayList<>(histograms.length);
        for (int s = 0; s < histograms.length; s++) {
            out.add(histograms[s].snapshot(STAGE_NAMES[s]));
        }
        return out;
    }

    /** Frames lost before the pipeline as of the latest processed frame. */
    public synchronized Drops drops() {
        return drops;
    }

    private static StageTimings timings(long[] v) {
        return new StageTimings(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** Nearest-rank percentile of the first {@code n} values; 0 when there are none. */
    static long percentile(long[] values, int n, double q) {
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}
