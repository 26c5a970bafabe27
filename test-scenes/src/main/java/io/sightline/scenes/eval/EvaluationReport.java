package io.sightline.scenes.eval;

import io.sightline.perception.relations.RelationExtractor;

import io.sightline.perception.scene.Scene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A finished evaluation of replay results against a set of scenes, and its two outputs: the flat JSON metrics
 * ({@link MetricsJsonWriter}) and the HTML report ({@link HtmlReport}) with sample frames drawn from the scenes.
 */
public final class EvaluationReport {
    private final EvaluatedScenes scenes;
    private final EvaluationInput input;
    private final EvaluationResult result;

    private EvaluationReport(EvaluatedScenes scenes, EvaluationInput input, EvaluationResult result) {
        this.scenes = scenes;
        this.input = input;
        this.result = result;
    }

    /** Reads the scenes and the results files (docs/results-format.md) and scores them. */
    public static EvaluationReport ofResults(List<Path> sceneDirs, List<Path> resultFiles, LabelMode mode,
                                             OptionalInt reportedIdSwitches) {
        return ofResults(sceneDirs, resultFiles, mode, reportedIdSwitches, RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** As above, relations judged over the pairs of {@code relationNeighbours} neighbours (the run's relations.neighbours). */
    public static EvaluationReport ofResults(List<Path> sceneDirs, List<Path> resultFiles, LabelMode mode,
                                             OptionalInt reportedIdSwitches, int relationNeighbours) {
        EvaluatedScenes scenes = EvaluatedScenes.open(sceneDirs);
        ResultsRun run = new ResultsJsonlReader().read(resultFiles);
        EvaluationInput input = scenes.input(run, mode, reportedIdSwitches);
        return new EvaluationReport(scenes, input, new SceneSetEvaluator(relationNeighbours).evaluate(input));
    }

    public EvaluationResult result() {
        return result;
    }

    /** Reported relations that named a track matched to no ground-truth object (not scored). */
    public int unresolvedRelations() {
        return result.relations().unresolved();
    }

    public Map<String, Object> metrics() {
        return MetricKeys.flatten(result);
    }

    public void writeJson(Path file) {
        new MetricsJsonWriter().write(result, file);
    }

    public void writeHtml(Path file, String title, int maxSamples) {
        new HtmlReport().write(result, samples(maxSamples), title, file);
    }

    /** Annotated sample frames (each scene's first scored frame, then frames with wrong grounding answers). */
    public List<SampleFrame> samples(int max) {
        Map<FrameKey, GroundTruthFrame> truth = new HashMap<>();
        input.truth().forEach(t -> truth.put(t.key(), t));
        Map<FrameKey, FramePrediction> predicted = new HashMap<>();
        input.frames().forEach(p -> predicted.put(new FrameKey(p.scene(), p.frameIndex()), p));
        SampleFramePainter painter = new SampleFramePainter();
        List<SampleFrame> out = new ArrayList<>();
        for (FrameKey key : HtmlReport.chooseSamples(result, max)) {
            Scene scene = scenes.byName().get(key.scene());
            List<ScoredExpression> expressions = result.grounding().expressions().stream()
                .filter(e -> e.frame().equals(key)).toList();
            long right = expressions.stream().filter(ScoredExpression::correct).count();
            List<String> wrong = new ArrayList<>();
            GroundTruthFrame frame = truth.get(key);
            for (ScoredExpression e : expressions) {
                if (!e.correct()) {
                    wrong.add("[" + frame.annotation().expressions().indexOf(e.expression()) + "] "
                        + e.prediction().map(p -> p.status().name()).orElse("no answer"));
                }
            }
            String caption = key.scene() + " frame " + key.frameIndex()
                + (expressions.isEmpty() ? "" : ": " + right + " of " + expressions.size() + " expressions answered correctly")
                + (wrong.isEmpty() ? "" : "; wrong: " + String.join(", ", wrong));
            out.add(painter.paint(scene, truth.get(key), Optional.ofNullable(predicted.get(key)), expressions, caption));
        }
        return out;
    }
}
