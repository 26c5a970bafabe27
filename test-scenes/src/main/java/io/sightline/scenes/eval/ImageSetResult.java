package io.sightline.scenes.eval;

import io.sightline.scenes.real.ImageSplit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A detector scored on a labelled image set ({@code test-scenes/real/}): COCO AP over the full curve
 * ({@link CocoDetectionEvaluator}), the threshold sweep ({@link ThresholdSweep}) and the pack's publish threshold
 * read on it, and per-stage latency. Its {@link #metrics} use the keys of {@link MetricKeys} where they mean the
 * same ("detection.map50", "detection.per_class.person", "latency_ms.encode.p50").
 *
 * @param set              the set's folder name
 * @param publishThreshold the pack's {@code head.publish_threshold}; empty when the pack has none
 */
public record ImageSetResult(String set, ImageSplit split, int images, DetectionMetrics detection, ThresholdSweep sweep,
                             OptionalDouble publishThreshold, Map<String, Percentiles> latencyMs) {
    public ImageSetResult {
        latencyMs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(latencyMs));
    }

    /** Scores {@code frames} (one per image: its labels, and the detections at the full curve). */
    public static ImageSetResult of(String set, ImageSplit split, List<DetectionFrame> frames, OptionalDouble publishThreshold,
                                    Map<String, List<Double>> stageMillis) {
        Map<String, Percentiles> latency = new HashMap<>();
        stageMillis.forEach((stage, values) -> latency.put(stage, new Percentiles(values)));
        return new ImageSetResult(set, split, frames.size(), new CocoDetectionEvaluator().evaluate(frames),
            new ThresholdSweep(frames), publishThreshold, latency);
    }

    /** The pack's operating point on this split; empty when the pack sets no publish threshold. */
    public java.util.Optional<OperatingPoint> operatingPoint() {
        return publishThreshold.isPresent() ? java.util.Optional.of(sweep.at(publishThreshold.getAsDouble())) : java.util.Optional.empty();
    }

    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("split", split.key());
        m.put("images", images);
        m.put("detection.map50", MetricKeys.number(detection.map50()));
        m.put("detection.map50_95", MetricKeys.number(detection.map50To95()));
        MetricKeys.perClass(m, detection);
        point(m, "detection.operating_point.", operatingPoint().orElse(null));
        point(m, "detection.best_f1.", sweep.best());
        latencyMs.forEach((stage, p) -> {
            m.put("latency_ms." + MetricKeys.keyPart(stage) + ".p50", MetricKeys.number(p.at(50)));
            m.put("latency_ms." + MetricKeys.keyPart(stage) + ".p99", MetricKeys.number(p.at(99)));
        });
        return m;
    }

    private static void point(Map<String, Object> m, String prefix, OperatingPoint p) {
        m.put(prefix + "score_threshold", p == null ? null : p.scoreThreshold());
        m.put(prefix + "precision", p == null ? null : MetricKeys.number(p.precision()));
        m.put(prefix + "recall", p == null ? null : MetricKeys.number(p.recall()));
        m.put(prefix + "f1", p == null ? null : p.f1());
        m.put(prefix + "true_positives", p == null ? null : p.truePositives());
        m.put(prefix + "false_positives", p == null ? null : p.falsePositives());
        m.put(prefix + "false_negatives", p == null ? null : p.falseNegatives());
    }

    public void writeJson(Path file) {
        new MetricsJsonWriter().write(metrics(), file);
    }

    /** The HTML report of scene evaluations (per-class AP, PR curves, latency), without the grounding it cannot have. */
    public void writeHtml(Path file, String title) {
        EvaluationResult r = new EvaluationResult(List.of(set + " (" + split.key() + ")"), images, 0, detection,
            new GroundingEvaluator().evaluate(List.of(), List.of()), RelationMetrics.NOT_MEASURED, List.of(), latencyMs,
            OptionalInt.empty(), OptionalInt.empty(), List.of());
        new HtmlReport().write(r, List.of(), title, file);
    }
}
