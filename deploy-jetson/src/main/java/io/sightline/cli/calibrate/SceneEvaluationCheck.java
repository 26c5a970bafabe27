package io.sightline.cli.calibrate;

import io.sightline.quantize.AccuracyVerdict;
import io.sightline.quantize.Int8AccuracyCheck;
import io.sightline.cli.eval.PipelineReplay;
import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.scenes.eval.EvaluationReport;
import io.sightline.scenes.eval.LabelMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The INT8 accuracy guard that issue-level targets are stated in: the whole perception pipeline (detection,
 * tracking, grounding of every annotated expression) runs over the validation scenes once with the FP32 encoder
 * and once with the candidate INT8 encoder, and the scene evaluator scores both. INT8 passes when detection
 * mAP@0.5 drops by at most {@code maxMapDropPoints} and grounding Acc@0.5 by at most {@code maxGroundingDropPoints}
 * (percentage points; a gain always passes).
 */
final class SceneEvaluationCheck implements Int8AccuracyCheck {
    static final String METRIC = "scene evaluation (detection mAP@0.5, grounding Acc@0.5)";
    private static final String MAP = "detection.map50";
    private static final String MAP_50_95 = "detection.map50_95";
    private static final String GROUNDING = "grounding.acc50";

    /** Scores one encoder graph: metric key -> value ({@code detection.map50}, {@code grounding.acc50}, ...). */
    interface Scorer {
        Map<String, Double> score(String label, Path encoder);
    }

    private final int sceneCount;
    private final Scorer scorer;
    private final double maxMapDropPoints;
    private final double maxGroundingDropPoints;

    SceneEvaluationCheck(Path pack, VlmOptions options, List<Path> scenes, long framesPerScene, double maxMapDropPoints,
                         double maxGroundingDropPoints, PrintWriter log) {
        this(scenes.size(), new PipelineScorer(pack, options, scenes, framesPerScene, log), maxMapDropPoints, maxGroundingDropPoints);
    }

    SceneEvaluationCheck(int sceneCount, Scorer scorer, double maxMapDropPoints, double maxGroundingDropPoints) {
        if (sceneCount <= 0) {
            throw new IllegalArgumentException("the accuracy guard needs at least one validation scene");
        }
        if (maxMapDropPoints < 0 || maxGroundingDropPoints < 0) {
            throw new IllegalArgumentException("guard margins must be >= 0, got " + maxMapDropPoints + " / " + maxGroundingDropPoints);
        }
        this.sceneCount = sceneCount;
        this.scorer = scorer;
        this.maxMapDropPoints = maxMapDropPoints;
        this.maxGroundingDropPoints = maxGroundingDropPoints;
    }

    @Override
    public AccuracyVerdict evaluate(Path fp32Encoder, Path int8Encoder) {
        Map<String, Double> fp32 = scorer.score("fp32", fp32Encoder);
        Map<String, Double> int8 = scorer.score("int8", int8Encoder);
        double mapDrop = 100 * (fp32.get(MAP) - int8.get(MAP));
        double groundingDrop = Double.isNaN(fp32.get(GROUNDING)) || Double.isNaN(int8.get(GROUNDING))
            ? 0 : 100 * (fp32.get(GROUNDING) - int8.get(GROUNDING));
        boolean mapOk = mapDrop <= maxMapDropPoints;
        boolean groundingOk = groundingDrop <= maxGroundingDropPoints;
        String reason = String.format(Locale.ROOT,
            "on %d validation scene(s): detection mAP@0.5 %.4f -> %.4f (drop %.2f points %s %.2f), grounding Acc@0.5 %.4f -> %.4f "
                + "(drop %.2f points %s %.2f)",
            sceneCount, fp32.get(MAP), int8.get(MAP), mapDrop, mapOk ? "<=" : ">", maxMapDropPoints,
            fp32.get(GROUNDING), int8.get(GROUNDING), groundingDrop, groundingOk ? "<=" : ">", maxGroundingDropPoints);
        return new AccuracyVerdict(METRIC, false, fp32, int8, mapOk && groundingOk, reason);
    }

    /** The real scorer: the perception pipeline over the scenes, then the scene evaluator. */
    private record PipelineScorer(Path pack, VlmOptions options, List<Path> scenes, long framesPerScene, PrintWriter log)
        implements Scorer {
        PipelineScorer {
            scenes = List.copyOf(scenes);
        }

        @Override
        public Map<String, Double> score(String label, Path encoder) {
            Path dir;
            try {
                dir = Files.createTempDirectory("sightline-int8-guard-" + label + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for the accuracy guard", e);
            }
            try {
                List<Path> files;
                try (VlmModel vlm = VlmModel.openWithEncoder(pack, options, encoder)) {
                    log.println("int8 guard: " + label + " encoder " + encoder.getFileName() + " over " + scenes.size() + " scene(s)"
                        + (framesPerScene > 0 ? ", first " + framesPerScene + " frames each" : ""));
                    log.flush();
                    files = new PipelineReplay(vlm, true, log, framesPerScene, GroundingConfig.defaults(),
                        FrameDecoding.MODEL_SIZE).run(scenes, dir);
                }
                Map<String, Object> metrics = EvaluationReport.ofResults(scenes, files, LabelMode.COLOUR_AND_SHAPE, OptionalInt.empty()).metrics();
                Map<String, Double> m = new LinkedHashMap<>();
                for (String key : List.of(MAP, MAP_50_95, GROUNDING)) {
                    m.put(key, metrics.get(key) instanceof Number n ? n.doubleValue() : Double.NaN);
                }
                if (Double.isNaN(m.get(MAP))) {
                    throw new IllegalStateException("the validation scenes gave no detection mAP (no annotated objects in "
                        + scenes + "); give scenes with objects to --val-scenes");
                }
                return m;
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless; the scores are computed
        }
    }
}
