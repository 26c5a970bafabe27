package io.sightline.cli.replay;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.language.DecodeBenchmark;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pipeline.PipelineBenchmark;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.source.SourceSpec;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.tracking.TrackCensus;
import io.sightline.perception.tracking.TrackEvent;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vision.VisionEncoder;
import io.sightline.perception.vlm.VlmModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sightline bench pipeline <source>}: frame pipeline vs encoder alone, cached vs recomputed decoding, memory. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    header = "Measure the perception pipeline on a recording against the encoder alone.",
    description = {
        "Measure the perception pipeline on a recording (a scene, a video file or an image",
        "folder, as run --source takes it), baseline and ratio from the same run:",
        " - full detection pipeline fps (source -> encoder -> detection head -> tracker",
        "   -> positions -> relations -> description, no publishing) vs the encoder",
        "   alone on the same frames, at the pipeline's encoder threads and at all cores,",
        "   the faster of the two being the baseline (target: ratio >= 0.9);",
        " - a fixed 7-token answer decoded with the KV cache vs recomputing the whole",
        "   sequence each step (target: >= 3x), each mode timed right after a run of",
        "   itself, and also right after the other mode; time to first token, tokens/s",
        "   (packs with a language decoder only);",
        " - with --minutes M (scenes): loop the scene for M minutes and compare resident memory",
        "   (VmRSS) once warm (first pass done, a fifth of the time gone) with the end",
        "   (target: within 5%%)."})
public final class PipelineBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "what to run on: a scene folder, a video file or an image folder")
    String source;

    @Mixin
    ModelOptions model;

    @Option(names = "--frames", defaultValue = "100", description = "frames per throughput round (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--rounds", defaultValue = "10", description = "alternating rounds; the best of each is reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--answer-tokens", defaultValue = "7", description = "length of the fixed answer (default: ${DEFAULT-VALUE})")
    int answerTokens;

    @Option(names = "--repeats", defaultValue = "100", description = "decoding repeats (each runs both modes twice), medians reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--prompt", defaultValue = "ground the red cup", converter = PromptConverter.class,
        description = "prompt of the decoding runs (default: ${DEFAULT-VALUE})")
    Prompt prompt;

    @Option(names = "--decode", paramLabel = "full|model-size", defaultValue = "model-size", converter = FrameDecodingConverter.class,
        description = "how the pipeline's source decodes the scene's JPEG frames, as replay's --decode; the encoder-only "
            + "baseline uses frames decoded the same way (default: ${DEFAULT-VALUE})")
    FrameDecoding decode;

    @Option(names = "--score-threshold", paramLabel = "P",
        description = "detection score threshold of the pipeline (default: the pack's operating point, head publish_threshold, "
            + "else its score threshold); a detector pack at 0.05 hands the tracker its maximum of detections every frame")
    Double scoreThreshold;

    @Option(names = "--tracks", description = "also run the whole recording once and count what the tracker did: ids"
        + " created and confirmed, events per minute, phantom tracks per minute (scenes: confirmed ids that never matched"
        + " an annotated box)")
    boolean tracks;

    @Option(names = "--minutes", defaultValue = "0", description = "also run the memory soak for this many minutes (0 = skip)")
    double minutes;

    @Override
    public Integer call() {
        SourceSpec sourceSpec = SourceSpec.parse(source);
        PrintWriter out = spec.commandLine().getOut();
        try (VlmModel vlm = open()) {
            out.println("pack: " + vlm.describe());
            PipelineBenchmark bench = new PipelineBenchmark(sourceSpec, vlm, decode);
            if (bench.scene().isPresent()) {
                Scene s = bench.scene().get();
                out.println("scene: " + s.info().name() + " (" + s.frameCount() + " frames, "
                    + s.info().camera().intrinsics().width() + "x" + s.info().camera().intrinsics().height() + ")");
            } else {
                out.println("source: " + sourceSpec.kind().name().toLowerCase(Locale.ROOT) + " " + sourceSpec.uri()
                    + " (no camera model: positions use the tabletop default camera at the frames' size)");
            }
            vlm.encoderThreadChoice().ifPresent(c -> out.println("encoder threads: " + c.threads() + " (" + c.reason() + ")"));
            out.println("frame decoding: " + decode.label() + (bench.decodeScale() > 1
                ? " (JPEG decoded at 1/" + bench.decodeScale() + ", the encoder's input is "
                    + vlm.pack().manifest().image().width() + "x" + vlm.pack().manifest().image().height() + ")" : ""));
            PipelineBenchmark.Throughput t;
            Map<String, VisionEncoder> baselines = new LinkedHashMap<>();
            OptionalInt threads = vlm.encoderThreads();
            baselines.put(threads.isPresent() ? "pipeline's encoder, " + plural(threads.getAsInt(), "thread") : "pipeline's encoder",
                vlm.encoder());
            int cores = Runtime.getRuntime().availableProcessors();
            try (VisionEncoder allCores = threads.isPresent() && threads.getAsInt() != cores
                    ? vlm.openEncoder(model.options().onnx().withIntraOpThreads(cores)) : null) {
                if (allCores != null) {
                    baselines.put("all cores, " + plural(cores, "thread"), allCores);
                }
                t = bench.throughput(frames, rounds, baselines);
            }
            for (PipelineBenchmark.EncoderRate r : t.encoderOnly()) {
                out.println(String.format(Locale.ROOT, "encoder only      %7.1f fps   (%s: preprocess + encoder on %d decoded frames)",
                    r.fps(), r.label(), t.frames()));
            }
            out.println(String.format(Locale.ROOT, "full pipeline     %7.1f fps   (%d detections in the last round)", t.pipelineFps(), t.detections()));
            out.println(String.format(Locale.ROOT, "ratio             %7.3f       (pipeline / fastest encoder-only; target >= 0.9: %s)",
                t.ratio(), t.ratio() >= 0.9 ? "met" : "NOT met"));
            out.println(String.format(Locale.ROOT, "cores             %7d       (Runtime.availableProcessors)", cores));
            out.flush();

            if (vlm.language().isEmpty() || bench.scene().isEmpty()) {
                out.println("decoding benchmark skipped: " + (vlm.language().isEmpty() ? vlm.languageUnavailableReason()
                    : "it prompts with a scene's first frame; " + source + " is not a scene"));
            } else {
                decoding(out, vlm, bench.scene().get());
            }

            if (tracks) {
                TrackCensus.Figures c = bench.tracks();
                out.println(String.format(Locale.ROOT, "tracks            %d frames (%.1f s): %d ids created, %d confirmed; events"
                    + " %.1f/min (NEW %d, UPDATE %d, END %d); phantom tracks %s", c.frames(), c.seconds(), c.idsCreated(),
                    c.confirmedIds(), c.eventsPerMinute(), c.events(TrackEvent.Kind.NEW), c.events(TrackEvent.Kind.UPDATE),
                    c.events(TrackEvent.Kind.END), c.phantomsPerMinute().isPresent()
                        ? String.format(Locale.ROOT, "%.1f/min", c.phantomsPerMinute().getAsDouble()) : "n/a (no ground truth)"));
                out.flush();
            }

            if (minutes > 0) {
                PrintWriter err = spec.commandLine().getErr();
                ProgressLine progress = new ProgressLine(err, 0, ProgressLine.wanted(false));
                PipelineBenchmark.Soak soak = bench.soak(minutes * 60, progress::update);
                progress.finish(soak.frames());
                out.println(String.format(Locale.ROOT, "soak %.0f s, %d frames: VmRSS %.1f MiB warm -> %.1f MiB at the end (%+.2f%%; target within 5%%: %s)",
                    soak.seconds(), soak.frames(), soak.rssStart() / 1048576.0, soak.rssEnd() / 1048576.0, soak.growth() * 100,
                    Math.abs(soak.growth()) <= 0.05 ? "met" : "NOT met"));
                out.println(String.format(Locale.ROOT, "     of which Java heap committed %.1f MiB -> %.1f MiB (grows with -Xmx headroom; cap it with SIGHTLINE_OPTS)",
                    soak.heapStart() / 1048576.0, soak.heapEnd() / 1048576.0));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
        return 0;
    }

    /** The pack at {@code --score-threshold} when given, else as {@code run} opens it. */
    private VlmModel open() {
        if (scoreThreshold == null) {
            return model.open();
        }
        Path dir = model.packDir();
        HeadSpec head = ModelPack.load(dir).manifest().head().orElseThrow(() ->
            new IllegalArgumentException("--score-threshold: model pack " + dir + " has no detection head"));
        DetectionConfig at = DetectionConfig.operatingPoint(head);
        return VlmModel.open(dir, model.options().withDetection(new DetectionConfig(scoreThreshold, at.nmsIou(), at.maxCandidates(),
            at.peakBoxIou())));
    }

    /** KV-cached vs recomputed decoding of a fixed answer, prompted with the scene's first frame. */
    private void decoding(PrintWriter out, VlmModel vlm, Scene scene) {
        ImageEncoding enc;
        try (Mat first = scene.readImage(0)) {
            enc = vlm.encoder().encode(0, first);
        }
        DecodeBenchmark.Result d = new DecodeBenchmark(vlm.language().get()).run(enc, prompt, answerTokens, repeats);
        out.println(String.format(Locale.ROOT, "decode %d tokens, KV cache   %7.1f ms", d.answerTokens(), d.cachedMillis()));
        out.println(String.format(Locale.ROOT, "decode %d tokens, recompute  %7.1f ms   (baseline)", d.answerTokens(), d.recomputeMillis()));
        out.println(String.format(Locale.ROOT, "speed-up                     %7.2fx      (target >= 3x: %s)", d.speedup(),
            d.speedup() >= 3 ? "met" : "NOT met"));
        out.println(String.format(Locale.ROOT, "  each mode right after the other: %.1f vs %.1f ms, %.2fx (the cached answer starts with"
            + " caches the recomputation filled)", d.alternating().cachedMillis(), d.alternating().recomputeMillis(),
            d.alternating().speedup()));
        out.println(String.format(Locale.ROOT, "time to first token          %7.1f ms", d.ttftMillis()));
        out.println(String.format(Locale.ROOT, "tokens/s after the first     %7.1f", d.tokensPerSecond()));
        out.println("sample answer to \"" + prompt + "\": " + d.sample().text());
        out.flush();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
