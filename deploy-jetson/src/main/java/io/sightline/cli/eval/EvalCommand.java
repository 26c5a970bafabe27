package io.sightline.cli.eval;

import io.sightline.cli.replay.FrameDecodingConverter;
import io.sightline.cli.replay.ModelOptions;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.scene.SceneLayout;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.scenes.eval.EvaluationReport;
import io.sightline.scenes.eval.ImageSetResult;
import io.sightline.scenes.eval.LabelMode;
import io.sightline.scenes.eval.OperatingPoint;
import io.sightline.perception.pipeline.TrackGrounder;
import io.sightline.scenes.eval.MetricsJsonWriter;
import io.sightline.scenes.eval.RealGroundingResult;
import io.sightline.scenes.eval.RealGroundingScorer;
import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.RealExpressionSet;
import io.sightline.scenes.real.LabelledImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline eval SCENE... [--results FILE...] --report report.html --json metrics.json}: scores replay results
 * against the scenes' annotations, running the pipeline first when no results are given.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    header = "Score results against annotated scenes or the real image set: mAP, grounding, tracking.",
    description = {
        "Score perception results against annotated scenes: detection mAP@0.5 and",
        "mAP@[.5:.95] (COCO; all classes, and seen / held-out colour x shape",
        "compositions apart), grounding Acc@IoU0.5 by expression kind and seen /",
        "held-out, no-target rejection, relation accuracy, position error p50/p95,",
        "id switches and per-stage latency p50/p99.",
        "With --results it scores files written by 'sightline replay SCENE --out",
        "FILE --ground-expressions' (docs/results-format.md); without, it runs the",
        "pipeline itself over every frame with the model pack (--pack).",
        "A SCENE folder without scene.json is expanded to the scenes inside it.",
        "A folder holding labels.jsonl is a labelled image set (test-scenes/real/):",
        "each image of --split through the pack's detector at the full curve, scored",
        "by COCO AP (crowd boxes ignored), plus precision/recall/F1 at the pack's",
        "publish threshold and the F1 sweep over score thresholds 0.05..0.95; with",
        "its expressions.jsonl, also grounding Acc@0.5 by kind, no-target rejection",
        "and answer latency p50/p99 on the objects detected at the pack's operating",
        "point (--no-ground skips it).",
        "Exit codes: 0 ok, 1 runtime error (unreadable scene, results or pack),",
        "2 usage error."})
public final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENE", description = "scene folders (or folders of scene folders)")
    List<Path> scenes;

    @Option(names = "--results", paramLabel = "FILE", split = ",",
        description = "replay results (JSONL) to score; repeatable, lines name their scene")
    List<Path> results = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "write a self-contained HTML report (plots, sample frames)")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "write the metrics as one flat JSON object (keys like detection.map50)")
    Path json;

    @Option(names = "--labels", paramLabel = "MODE", defaultValue = "joint",
        description = "detection classes: 'joint' (colour and shape, \"red cup\"; a pack without colours, e.g. COCO's "
            + "\"person\", gives the label alone; default) or 'shape'")
    String labels;

    @Option(names = "--id-switches", paramLabel = "N",
        description = "the tracker's own id-switch count to report (default: counted from track ids matched to ground truth)")
    Integer idSwitches;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "6", description = "annotated sample frames in the report (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Sightline evaluation", description = "report title")
    String title;

    @CommandLine.Mixin
    ModelOptions model;

    @Option(names = "--no-ground", description = "skip grounding the annotated expressions (scenes: much faster; the real set: its expressions.jsonl); no grounding scores")
    boolean noGround;

    @Option(names = "--grounding-match", paramLabel = "box|box-or-label|box-answer-label", defaultValue = "box",
        description = "pipeline mode: how a grounding answer becomes a track: box (as 'run' does: the decoded box at IoU >= 0.5 on a "
            + "track with the colour and shape the expression names, or the answer's label when it names neither), box-or-label "
            + "(else the only tracked object the answer's label names) or box-answer-label (the track must fit the label in the "
            + "decoder's answer, whatever the expression says) (default: ${DEFAULT-VALUE})")
    String groundingMatch;

    @Option(names = "--relation-neighbours", paramLabel = "N", defaultValue = "3",
        description = "relations.neighbours of the run: pipeline mode relates each object to its N nearest, and relations "
            + "are judged over the neighbouring pairs of the detected ground-truth objects (default: ${DEFAULT-VALUE})")
    int relationNeighbours;

    @Option(names = "--relation-check", paramLabel = "unsupported|contradicted|off", defaultValue = "unsupported",
        description = "pipeline mode: what the grounded track must satisfy of the relation the expression states, on the tracks' "
            + "positions: unsupported (as 'run' does: NO_MATCH unless a tracked anchor shows the relation holding), "
            + "contradicted (NO_MATCH only when every tracked anchor shows the opposite) or off (default: ${DEFAULT-VALUE})")
    String relationCheck;

    @Option(names = "--decode", paramLabel = "full|model-size", defaultValue = "model-size", converter = FrameDecodingConverter.class,
        description = "pipeline mode: decode recorded JPEG frames at the largest reduction that still covers the model's input "
            + "(model-size, as replay does) or every pixel (full) (default: ${DEFAULT-VALUE})")
    FrameDecoding decode;

    @Option(names = "--results-dir", paramLabel = "DIR",
        description = "pipeline mode: keep each scene's results here as <scene>.jsonl (default: a temporary folder, deleted after)")
    Path resultsDir;

    @Option(names = "--split", paramLabel = "val|test|all", defaultValue = "all",
        description = "labelled image sets: which images to score, by their split field (default: ${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() {
        if (scenes.stream().anyMatch(LabelledImageSet::isImageSet)) {
            return imageSet();
        }
        if (!results.isEmpty() && (model.packGiven() || resultsDir != null || noGround)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--results scores existing files; --pack, --results-dir and --no-ground belong to running the pipeline");
        }
        if (relationNeighbours < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--relation-neighbours must be >= 1, got " + relationNeighbours);
        }
        if (samples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be >= 0, got " + samples);
        }
        LabelMode mode = labelMode();
        List<Path> sceneDirs = expand(scenes);
        List<Path> files = results.isEmpty() ? runPipeline(sceneDirs) : results;
        EvaluationReport result;
        try {
            result = EvaluationReport.ofResults(sceneDirs, files, mode,
                idSwitches == null ? OptionalInt.empty() : OptionalInt.of(idSwitches), relationNeighbours);
        } finally {
            if (results.isEmpty() && resultsDir == null) {
                files.forEach(EvalCommand::deleteQuietly);
                files.stream().findFirst().map(Path::getParent).ifPresent(EvalCommand::deleteQuietly);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        summary(out, result);
        if (json != null) {
            result.writeJson(json);
            out.println("metrics: " + json);
        }
        if (report != null) {
            result.writeHtml(report, title, samples);
            out.println("report: " + report);
        }
        out.flush();
        return 0;
    }

    /** A labelled image set: detection only, scored per image (no tracking, grounding or relations). */
    private int imageSet() {
        if (scenes.size() != 1 || !results.isEmpty() || resultsDir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "a labelled image set (a folder with labels.jsonl) is scored alone, by running the pack: no other SCENE, --results or --results-dir");
        }
        ImageSplit which;
        try {
            which = ImageSplit.parse(split);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split: " + e.getMessage());
        }
        Function<Detection, String> label = labelMode() == LabelMode.SHAPE ? Detection::shape : Detection::label;
        LabelledImageSet set = LabelledImageSet.read(scenes.get(0));
        PrintWriter out = spec.commandLine().getOut();
        ImageSetResult result;
        RealGroundingResult grounding = null;
        List<Long> answerNanos = List.of();
        try (VlmModel vlm = VlmModel.open(model.packDir("give --pack DIR"), model.options())) {
            spec.commandLine().getErr().println("eval: " + set.select(which).size() + " image(s) of " + set.dir() + " (split "
                + which.key() + "): " + vlm.describe());
            spec.commandLine().getErr().flush();
            result = new ImageSetEval(vlm, label).run(set, which);
            if (!noGround && RealExpressionSet.hasExpressions(set.dir())) {
                RealExpressionSet expressions = RealExpressionSet.read(set.dir());
                RealGroundingEval grounder = new RealGroundingEval(vlm);
                spec.commandLine().getErr().println("eval: grounding " + expressions.select(which).size() + " expression(s) of "
                    + expressions.file() + " with " + TrackGrounder.class.getSimpleName() + " (--no-ground skips it)");
                spec.commandLine().getErr().flush();
                grounding = new RealGroundingScorer().score(expressions, which, grounder);
                answerNanos = grounder.timeAnswers(LATENCY_ROUNDS);
            }
        }
        imageSetSummary(out, result);
        Map<String, Object> groundingMetrics = grounding == null ? Map.of() : groundingMetrics(grounding, answerNanos);
        if (grounding != null) {
            out.println("  grounding (" + RealExpressionSet.EXPRESSIONS + ", tracked-object grounder):");
            groundingMetrics.forEach((key, v) -> out.printf(Locale.ROOT, "  %-44s %s%n", key,
                v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v));
        }
        if (json != null) {
            if (grounding == null) {
                result.writeJson(json);
            } else {
                Map<String, Object> all = new java.util.LinkedHashMap<>(result.metrics());
                all.putAll(groundingMetrics);
                new MetricsJsonWriter().write(all, json);
            }
            out.println("metrics: " + json);
        }
        if (report != null) {
            result.writeHtml(report, title);
            out.println("report: " + report);
        }
        out.flush();
        return 0;
    }

    private static void imageSetSummary(PrintWriter out, ImageSetResult r) {
        Map<String, Object> m = r.metrics();
        out.printf(Locale.ROOT, "scored %d image(s) of %s (split %s)%n", r.images(), r.set(), r.split().key());
        m.forEach((key, v) -> {
            if (key.startsWith("detection.")) {
                out.printf(Locale.ROOT, "  %-44s %s%n", key, v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
            }
        });
        out.println("  score threshold sweep (all classes pooled, IoU 0.5):");
        out.println("    threshold  precision  recall  F1      TP  FP  FN");
        for (OperatingPoint p : r.sweep().points()) {
            out.printf(Locale.ROOT, "    %.2f       %s     %s  %.4f  %d  %d  %d%n", p.scoreThreshold(), fmt(p.precision()),
                fmt(p.recall()), p.f1(), p.truePositives(), p.falsePositives(), p.falseNegatives());
        }
        OperatingPoint best = r.sweep().best();
        out.printf(Locale.ROOT, "  highest F1 on this split: threshold %.2f (F1 %.4f)%n", best.scoreThreshold(), best.f1());
    }

    /** Rounds of every expression timed again after scoring, for the answer latency ({@code grounding.latency_ms}). */
    static final int LATENCY_ROUNDS = 20;

    /**
     * The real set's grounding figures, with the answer latency p50/p99 (parse and match on the detected objects,
     * every expression answered {@link #LATENCY_ROUNDS} more times after scoring).
     */
    static Map<String, Object> groundingMetrics(RealGroundingResult g, List<Long> answerNanos) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(g.metrics());
        List<Long> sorted = answerNanos.stream().sorted().toList();
        m.put("grounding.latency_samples", sorted.size());
        m.put("grounding.latency_ms.p50", sorted.isEmpty() ? null : percentile(sorted, 0.50) / 1e6);
        m.put("grounding.latency_ms.p99", sorted.isEmpty() ? null : percentile(sorted, 0.99) / 1e6);
        return m;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String fmt(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "n/a   ";
    }

    /** Pipeline mode: one replay per scene with the pack, results into --results-dir or a temporary folder. */
    private List<Path> runPipeline(List<Path> sceneDirs) {
        GroundingConfig matching = matching(); // a bad --grounding-match / --relation-check fails before the model loads
        VlmOptions options = model.options();
        Path packDir = model.packDir("give --pack DIR, or score existing replay output with --results FILE");
        Path outDir;
        try {
            outDir = resultsDir != null ? Files.createDirectories(resultsDir) : Files.createTempDirectory("sightline-eval-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for results " + (resultsDir != null ? resultsDir : ""), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (VlmModel vlm = VlmModel.open(packDir, options)) {
            err.println("eval: running the pipeline over " + sceneDirs.size() + " scene(s): " + vlm.describe()
                + (noGround ? "" : "; grounding every annotated expression (--no-ground skips it)"));
            return new PipelineReplay(vlm, !noGround, err, 0, matching, decode, relationNeighbours).run(sceneDirs, outDir);
        }
    }

    private LabelMode labelMode() {
        return switch (labels.toLowerCase(Locale.ROOT)) {
            case "joint" -> LabelMode.COLOUR_AND_SHAPE;
            case "shape" -> LabelMode.SHAPE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                "--labels must be 'joint' or 'shape', got '" + labels + "'");
        };
    }

    private GroundingConfig matching() {
        GroundingConfig.RelationCheck check;
        try {
            check = GroundingConfig.RelationCheck.valueOf(relationCheck.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--relation-check must be unsupported, contradicted or off, got '" + relationCheck + "'");
        }
        return labelMatching().withRelationCheck(check);
    }

    private GroundingConfig labelMatching() {
        return switch (groundingMatch.toLowerCase(Locale.ROOT)) {
            case "box-or-label" -> GroundingConfig.defaults().withLabelFallback(true);
            case "box" -> GroundingConfig.defaults();
            case "box-answer-label" -> GroundingConfig.defaults().withLabelCheck(GroundingConfig.LabelCheck.ANSWER);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                "--grounding-match must be box, box-or-label or box-answer-label, got '" + groundingMatch + "'");
        };
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary file is harmless; the scores are already computed.
        }
    }

    private static void summary(PrintWriter out, EvaluationReport r) {
        Map<String, Object> m = r.metrics();
        out.printf(Locale.ROOT, "scored %s frame(s) of %s scene(s)%s%n", m.get("frames"), m.get("scenes"),
            ((Integer) m.get("frames_missing")) > 0 ? "; " + m.get("frames_missing") + " annotated frame(s) had no results" : "");
        for (String key : List.of("detection.map50", "detection.map50_95", "detection.map50.seen", "detection.map50.held_out",
                "grounding.acc50", "grounding.acc50.attribute", "grounding.acc50.relational", "grounding.acc50.superlative",
                "grounding.acc50.seen", "grounding.acc50.held_out",
                "grounding.no_target_rejection", "relations.accuracy", "position_error_m.p50", "position_error_m.p95",
                "tracking.id_switches", "latency_ms.total.p50", "latency_ms.total.p99")) {
            Object v = m.get(key);
            out.printf(Locale.ROOT, "  %-30s %s%n", key, v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
        }
        if (r.unresolvedRelations() > 0) {
            out.printf("  (%d reported relation(s) named a track that matched no ground-truth object and were not scored)%n",
                r.unresolvedRelations());
        }
    }

    /** Scene folders as given, a folder without scene.json replaced by the scenes inside it (sorted). */
    public static List<Path> expand(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(SceneLayout.SCENE_JSON))) {
                try (Stream<Path> children = Files.list(dir)) {
                    List<Path> scenes = children.filter(c -> Files.isRegularFile(c.resolve(SceneLayout.SCENE_JSON))).sorted().toList();
                    if (!scenes.isEmpty()) {
                        out.addAll(scenes);
                        continue;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir, e);
                }
            }
            out.add(dir);
        }
        return out;
    }
}
