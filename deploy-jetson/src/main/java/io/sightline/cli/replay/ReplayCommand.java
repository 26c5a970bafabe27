package io.sightline.cli.replay;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.pipeline.ExpressionGrounding;
import io.sightline.perception.pipeline.FrameLoop;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.ResultPainter;
import io.sightline.perception.pipeline.ResultsJsonlWriter;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.FrameOutput;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.LimitedLog;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.perception.source.McapSource;
import io.sightline.perception.source.SourceException;
import io.sightline.record.RecordedCamera;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code sightline replay <scene|FILE.mcap> --out results.jsonl}: the perception pipeline over a recorded scene, or
 * over the frames of an MCAP recording of {@code run --record}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    header = "Run the pipeline over a scene offline and write one JSON line per frame.",
    description = {
        "Run the perception pipeline (encode, detect, track, positions, relations,",
        "description) over every frame of a scene folder and write one JSON line per",
        "frame (docs/results-format.md). Deterministic: two runs give the same lines",
        "apart from timings_ms (--no-timings leaves them out).",
        "Exit codes: 0 ok, 1 runtime error (bad pack, unreadable scene), 2 usage error."})
public final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENE|FILE.mcap", description = "scene folder (scene.json, annotations.jsonl,"
        + " frames/) or an MCAP recording of 'sightline run --record' (its foxglove.CompressedImage frames)")
    Path scene;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "results file to write (JSON lines)")
    Path out;

    @Option(names = "--annotate", paramLabel = "OUT.avi|DIR",
        description = "also draw the predictions: a Motion-JPEG .avi, an .mp4 (needs an OpenCV with an MPEG-4 encoder), or a folder of PNGs")
    Path annotate;

    @Mixin
    ModelOptions model;

    @Option(names = "--realtime", description = "release frames at the scene's recorded fps instead of as fast as possible")
    boolean realtime;

    @Option(names = "--loop", description = "start over after the last frame (use with --max-frames; seq keeps counting)")
    boolean loop;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "stop after N frames (0 = all)")
    long maxFrames;

    @Option(names = "--ground-expressions",
        description = "also ground every referring expression annotated for each frame (language decoder; slow) and write the answers")
    boolean groundExpressions;

    @Option(names = "--no-timings", description = "leave timings_ms out, so that two runs give byte-identical files")
    boolean noTimings;

    @Option(names = "--decode", paramLabel = "full|model-size", defaultValue = "model-size", converter = FrameDecodingConverter.class,
        description = "decode recorded JPEG frames at the largest reduction that still covers the model's input (model-size) or "
            + "every pixel (full; always with --annotate) (default: ${DEFAULT-VALUE})")
    FrameDecoding decode;

    @Option(names = "--no-progress", description = "no progress bar on stderr (there is none when stderr is not a terminal)")
    boolean noProgress;

    @Override
    public Integer call() {
        if (loop && maxFrames <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--loop needs --max-frames N (it would never end)");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (Files.isRegularFile(scene) && McapSource.isMcap(scene)) {
            return replayRecording(err);
        }
        FrameDecoding decoding = annotate != null ? FrameDecoding.FULL : decode;
        Scene s = SceneReader.open(scene);
        long badLines = checkAnnotations(s, err);
        try (VlmModel vlm = model.open()) {
            err.println("replay " + s.info().name() + ": " + s.frameCount() + " frames, " + vlm.describe());
            PerceptionPipeline pipeline = PerceptionPipeline.forModel(s.info().name(), vlm, s.info().camera(), TrackerConfig.defaults());
            BiFunction<Frame, FrameOutcome, FrameOutcome> hook = groundExpressions
                ? new ExpressionGrounding(s, Grounder.forModel(vlm))::apply : (f, r) -> r;
            long total = maxFrames > 0 ? (loop ? maxFrames : Math.min(maxFrames, s.frameCount())) : s.frameCount();
            ProgressLine progress = new ProgressLine(err, total, ProgressLine.wanted(noProgress));
            ResultPainter painter = new ResultPainter();
            FrameOutput video = null;
            try (ResultsJsonlWriter writer = ResultsJsonlWriter.create(out, !noTimings);
                 // Read-ahead: the next image decodes while this one is encoded (order and results unchanged).
                 FrameSource source = FrameSources.scene(s, SourceOptions.offline(decoding, vlm.pack().manifest().image())
                     .withPacing(realtime ? ReplayPacing.RECORDED_FPS : ReplayPacing.AS_FAST_AS_POSSIBLE).withLoop(loop)
                     .withPrefetch(2)).source()) {
                FrameOutput[] annotated = new FrameOutput[1];
                FrameLoop frames = new FrameLoop(pipeline, hook, (frame, outcome) -> {
                    writer.write(outcome.result());
                    if (annotate != null) {
                        if (annotated[0] == null) {
                            annotated[0] = FrameOutput.open(annotate, s.info().fps(), frame.width(), frame.height());
                        }
                        try (Mat copy = frame.image().clone()) {
                            painter.paint(copy, outcome.result());
                            annotated[0].write(frame.sourceIndex(), copy);
                        }
                    }
                    progress.update(writer.written());
                }, true);
                FrameLoop.Summary summary;
                try {
                    summary = frames.run(source, true, maxFrames);
                } finally {
                    video = annotated[0];
                    if (video != null) {
                        video.close();
                    }
                }
                progress.finish(summary.frames());
                err.println(String.format(Locale.ROOT, "%d frames -> %s  (%.1f fps, %d skipped%s)%s", summary.frames(), out,
                    summary.framesPerSecond(), summary.skipped(),
                    (summary.skipped() > 0 ? ", see the warnings; last: " + summary.sourceStatus().reason() : "")
                        + (badLines > 0 ? ", " + badLines + " bad annotation line(s) in " + s.annotationsPath() : ""),
                    video != null ? ", annotated " + video.written() + " frames -> " + annotate : ""));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
        return 0;
    }

    /**
     * The frames of an MCAP recording through the pipeline, with the camera the recording names (its frames channel's
     * camera files), else the tabletop default camera.
     */
    private Integer replayRecording(PrintWriter err) {
        if (groundExpressions || annotate != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), (groundExpressions ? "--ground-expressions" : "--annotate")
                + " needs a scene folder; " + scene + " is an MCAP recording");
        }
        if (loop && maxFrames <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--loop needs --max-frames N (it would never end)");
        }
        Map<String, String> meta;
        try {
            meta = McapSource.frameChannelMetadata(scene, Optional.empty());
        } catch (SourceException e) {
            throw new UserFacingException(e.getMessage());
        }
        if (meta.isEmpty()) {
            throw new UserFacingException(scene + ": no " + McapSource.IMAGE_SCHEMA + " frames in this recording"
                + " (recorded with record.frames: false?)");
        }
        Optional<CameraModel> recorded = RecordedCamera.of(meta);
        if (recorded.isEmpty()) {
            err.println("warning: " + scene + " names no camera; positions use the tabletop default camera");
        }
        CameraModel camera = recorded.orElseGet(CameraModels::tabletopDefault);
        String cameraId = meta.getOrDefault("camera_id", "cam0");
        try (VlmModel vlm = model.open()) {
            err.println("replay recording " + scene + ": camera " + cameraId + ", " + vlm.describe());
            PerceptionPipeline pipeline = PerceptionPipeline.forModel("recording " + scene.getFileName(), vlm, camera,
                TrackerConfig.defaults());
            ProgressLine progress = new ProgressLine(err, maxFrames, ProgressLine.wanted(noProgress));
            try (ResultsJsonlWriter writer = ResultsJsonlWriter.create(out, !noTimings);
                 FrameSource source = new McapSource(scene, cameraId, Optional.empty(),
                     realtime ? ReplayPacing.RECORDED_FPS : ReplayPacing.AS_FAST_AS_POSSIBLE, loop)) {
                FrameLoop frames = new FrameLoop(pipeline, (f, r) -> r, (frame, outcome) -> {
                    writer.write(outcome.result());
                    progress.update(writer.written());
                }, true);
                FrameLoop.Summary summary = frames.run(source, true, maxFrames);
                progress.finish(summary.frames());
                err.println(String.format(Locale.ROOT, "%d frames -> %s  (%.1f fps, %d skipped)%s", summary.frames(), out,
                    summary.framesPerSecond(), summary.skipped(), summary.sourceStatus().reason().isEmpty() ? ""
                        : "; " + summary.sourceStatus().reason()));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
        return 0;
    }

    /**
     * Reads annotations.jsonl once and warns about each bad line, with the file and line (rate-limited,
     * {@link LimitedLog}); the frames of those lines still replay, without annotations ({@code --ground-expressions}
     * has nothing to ask on them). Returns how many lines were bad.
     */
    static long checkAnnotations(Scene s, PrintWriter err) {
        LimitedLog bad = new LimitedLog(m -> {
            err.println("warning: bad annotation line: " + m);
            err.flush();
        });
        try (Stream<FrameAnnotation> lines = s.frames(e -> bad.warn(e.getMessage()))) {
            lines.forEach(a -> { });
        } catch (SceneFormatException e) {
            bad.warn(e.getMessage()); // the file itself is unreadable
        }
        return bad.count();
    }
}
