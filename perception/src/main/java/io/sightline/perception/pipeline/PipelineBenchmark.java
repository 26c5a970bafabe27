package io.sightline.perception.pipeline;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.source.SourceSetup;
import io.sightline.perception.source.SourceSpec;
import io.sightline.perception.tracking.TrackCensus;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.perception.vlm.VlmModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The pipeline throughput check: the full detection pipeline (any source of {@link FrameSources}, a scene,
 * a video file or an image folder, reading and decoding images on a read-ahead thread -> encoder -> detection head ->
 * tracker -> ground positions -> relations -> description (the last four on a finishing thread while the next frame
 * encodes), no publishing) against the encoder alone (preprocess + encoder graph on the same frames already decoded
 * in memory, at the same decode scale), in alternating rounds of the same run; and a soak loop over a scene that
 * reports resident memory at its start and end. A source that is not a scene has no camera model: its positions use
 * the tabletop default camera at the frames' size ({@link #camera()}).
 */
public final class PipelineBenchmark {
    /** The best round of one encoder-only baseline. */
    public record EncoderRate(String label, double fps) {
    }

    /**
     * @param frames      frames per round
     * @param encoderOnly best round of each encoder-only baseline
     * @param pipelineFps best round of the full pipeline
     * @param detections  detections in the last pipeline round (a pipeline that finds nothing is not a benchmark)
     */
    public record Throughput(int frames, List<EncoderRate> encoderOnly, double pipelineFps, long detections) {
        public Throughput {
            encoderOnly = List.copyOf(encoderOnly);
        }

        /** The fastest baseline: the ratio is taken against the encoder at its best settings, not the pipeline's. */
        public double encoderOnlyFps() {
            return encoderOnly.stream().mapToDouble(EncoderRate::fps).max().orElse(0);
        }

        public double ratio() {
            return pipelineFps / encoderOnlyFps();
        }
    }

    /**
     * @param seconds      how long it ran
     * @param frames       frames processed
     * @param rssStart     VmRSS when warm: after the first pass over the scene and a fifth of the time
     * @param rssEnd       VmRSS at the end
     * @param heapStart    Java heap committed at the same moment as {@code rssStart} (part of the RSS)
     * @param heapEnd      Java heap committed at the end
     */
    public record Soak(double seconds, long frames, long rssStart, long rssEnd, long heapStart, long heapEnd) {
        public double growth() {
            return (double) (rssEnd - rssStart) / rssStart;
        }
    }

    private final SourceSpec spec;
    private final Optional<Scene> scene;
    private final VlmModel vlm;
    private final FrameDecoding decoding;
    private final int decodeScale;
    private CameraModel camera;

    /**
     * @param source   what to run on, as {@code run --source} takes it ({@link SourceSpec#parse})
     * @param decoding how the pipeline's source decodes a scene's frames; the encoder-only baseline runs on frames
     *                 decoded the same way (its preprocessing then resizes the same pixels), so the ratio compares like
     *                 with like
     */
    public PipelineBenchmark(SourceSpec source, VlmModel vlm, FrameDecoding decoding) {
        if (source.kind().live()) {
            throw new IllegalArgumentException("bench pipeline needs a recording (scene, video file or image folder), not the live "
                + source.kind().name().toLowerCase(java.util.Locale.ROOT) + " source " + source.uri());
        }
        this.spec = source;
        this.vlm = vlm;
        this.decoding = decoding;
        SourceSetup probe = open(false); // not opened: only to learn whether it is a scene
        probe.source().close();
        this.scene = probe.scene();
        this.decodeScale = scene.map(s -> decoding.scale(s, vlm.pack().manifest().image())).orElse(DecodeScale.FULL);
        this.camera = scene.map(s -> s.info().camera()).orElse(null);
    }

    /** The decode scale in use (1 = full frames). */
    public int decodeScale() {
        return decodeScale;
    }

    /** The scene when the source is one (its camera, frame count). */
    public Optional<Scene> scene() {
        return scene;
    }

    /** The camera model positions use: the scene's, else the tabletop default at the frames' size (known after a run). */
    public Optional<CameraModel> camera() {
        return Optional.ofNullable(camera);
    }

    private SourceSetup open(boolean loop) {
        return FrameSources.create(spec, SourceOptions.offline(decoding, vlm.pack().manifest().image()).withLoop(loop).withPrefetch(2));
    }

    /** The source through the factory, looping or not, with two frames decoded ahead. */
    private FrameSource source(boolean loop) {
        return open(loop).source();
    }

    private String sourceName() {
        return scene.map(s -> s.info().name()).orElse(spec.uri());
    }

    /**
     * @param baselines encoder-only baselines by label (the pipeline's own encoder and, e.g., one at another thread
     *                  count); each is timed in every round, and the ratio is against the fastest
     */
    public Throughput throughput(int frames, int rounds, Map<String, VisionEncoder> baselines) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames per round must be > 0, got " + frames);
        }
        List<Frame> images = new ArrayList<>(frames);
        try {
            // the baseline's frames: the first ones of the same source, decoded by it, held in memory
            try (FrameSource source = source(false)) {
                source.open();
                while (images.size() < frames) {
                    Optional<Frame> f = source.next();
                    if (f.isEmpty()) {
                        break;
                    }
                    images.add(f.get());
                }
            }
            int n = images.size();
            if (n == 0) {
                throw new IllegalArgumentException(spec.uri() + " has no frames to benchmark");
            }
            if (camera == null) {
                camera = CameraModels.tabletop(images.get(0).width(), images.get(0).height());
            }
            for (VisionEncoder encoder : baselines.values()) {
                for (int i = 0; i < Math.min(5, n); i++) {
                    encoder.encode(images.get(i)); // warm-up: first runs allocate and optimise
                }
            }
            Map<String, Double> bestEncoder = new LinkedHashMap<>();
            double bestPipeline = 0;
            long detections = 0;
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, VisionEncoder> e : baselines.entrySet()) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        e.getValue().encode(images.get(i));
                    }
                    bestEncoder.merge(e.getKey(), n * 1e9 / (System.nanoTime() - t0), Math::max);
                }
                long[] found = new long[1];
                PerceptionPipeline pipeline = PerceptionPipeline.forModel(sourceName(), vlm, camera, TrackerConfig.defaults());
                try (FrameSource source = source(false)) {
                    FrameLoop.Summary s = new FrameLoop(pipeline, (f, res) -> res, (f, res) -> found[0] += res.result().objects().size(),
                        true).run(source, true, n);
                    bestPipeline = Math.max(bestPipeline, s.framesPerSecond());
                }
                detections = found[0];
            }
            List<EncoderRate> rates = new ArrayList<>();
            bestEncoder.forEach((label, fps) -> rates.add(new EncoderRate(label, fps)));
            return new Throughput(n, rates, bestPipeline, detections);
        } finally {
            images.forEach(Frame::close);
        }
    }

    /**
     * One pass of the whole recording through the pipeline, counting what the tracker did ({@link TrackCensus}):
     * ids created and confirmed, events per minute, and on a scene phantom tracks per minute against its annotations.
     * The recording's duration is its frame count at its nominal rate (the scene's fps, the video's; 10 fps when
     * unknown), as {@code run} would pace it.
     */
    public TrackCensus.Figures tracks() {
        TrackCensus census = new TrackCensus();
        long frames = 0;
        double fps;
        CameraModel cam = camera;
        try (FrameSource source = source(false)) {
            source.open();
            Optional<Frame> first = source.next();
            if (first.isEmpty()) {
                throw new IllegalArgumentException(spec.uri() + " has no frames to count tracks on");
            }
            if (cam == null) {
                cam = CameraModels.tabletop(first.get().width(), first.get().height());
            }
            PerceptionPipeline pipeline = PerceptionPipeline.forModel(sourceName(), vlm, cam, TrackerConfig.defaults());
            for (Optional<Frame> next = first; next.isPresent(); next = source.next()) {
                try (Frame f = next.get()) {
                    FrameOutcome o = pipeline.process(f, 0, 0);
                    Optional<List<Box2D>> truth = scene.filter(s -> f.sourceIndex() >= 0)
                        .map(s -> s.annotation(f.sourceIndex()).objects().stream().map(ObjectAnnotation::box).toList());
                    census.add(o.tracks(), o.events(), truth);
                    frames++;
                }
            }
            fps = scene.map(s -> s.info().fps()).orElse(source.info().fps());
        }
        return census.figures(frames / (fps > 0 ? fps : 10));
    }

    /**
     * Loops the scene through the full pipeline for {@code seconds}; {@code progress} gets the frame count now
     * and then. The start reading is taken once warm (the first pass done and a fifth of the time gone): the JVM
     * grows its heap and the allocator its arenas while the rate settles, which is not a leak.
     */
    public Soak soak(double seconds, LongConsumer progress) {
        Scene scene = this.scene.orElseThrow(() -> new IllegalArgumentException("the memory soak loops a scene; " + spec.uri()
            + " is not one"));
        PerceptionPipeline pipeline = PerceptionPipeline.forModel(scene.info().name(), vlm, scene.info().camera(),
            TrackerConfig.defaults());
        long[] frames = new long[1];
        long[] start = {-1, -1};
        long started = System.nanoTime();
        long warm = started + (long) (seconds * 0.2e9);
        long deadline = started + (long) (seconds * 1e9);
        try (FrameSource source = source(true)) {
            source.open();
            FrameLoop loop = new FrameLoop(pipeline, (f, r) -> r, (f, r) -> {
                frames[0]++;
                if (frames[0] % 50 == 0) {
                    progress.accept(frames[0]);
                }
            }, true);
            while (System.nanoTime() < deadline) {
                loop.run(source, false, 10);
                if (start[0] < 0 && frames[0] >= scene.frameCount() && System.nanoTime() >= warm) {
                    start[0] = rss();
                    start[1] = Runtime.getRuntime().totalMemory();
                }
            }
        }
        if (start[0] < 0) {
            throw new IllegalStateException("the soak ran " + frames[0] + " frames, less than one pass over the "
                + scene.frameCount() + "-frame scene; give it more time");
        }
        return new Soak((System.nanoTime() - started) / 1e9, frames[0], start[0], rss(), start[1],
            Runtime.getRuntime().totalMemory());
    }

    private static long rss() {
        OptionalLong b = ResidentMemory.bytes();
        if (b.isEmpty()) {
            throw new IllegalStateException("cannot read VmRSS from /proc/self/status (not Linux?)");
        }
        return b.getAsLong();
    }
}
