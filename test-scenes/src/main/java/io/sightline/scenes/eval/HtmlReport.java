package io.sightline.scenes.eval;

import io.sightline.perception.scene.ExpressionKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The evaluation as one self-contained HTML page (inline SVG plots, PNG frames as data URIs, no scripts):
 * headline numbers, per-class AP, grounding accuracy by kind, PR curves at IoU 0.5, latency histograms,
 * position error against distance, annotated sample frames, and every metric key of the JSON file. The page
 * is written as well-formed XHTML so that an XML parser can check it.
 */
public final class HtmlReport {
    private static final int HISTOGRAM_BINS = 30;

    public String render(EvaluationResult r, List<SampleFrame> samples, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .append("<title>").append(Html.escape(title)).append("</title><style>")
            .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}")
            .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
            .append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}")
            .append(".plots{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0 0 16px}figcaption{font-size:90%;color:#555}")
            .append(".big{font-size:150%;font-weight:bold}")
            .append("</style></head><body>");
        sb.append("<h1>").append(Html.escape(title)).append("</h1>");
        sb.append("<p>").append(r.scenes().size()).append(" scene(s): ").append(Html.escape(String.join(", ", r.scenes())))
            .append("; ").append(r.frames()).append(" frame(s) scored");
        if (r.framesMissing() > 0) {
            sb.append(", <b>").append(r.framesMissing()).append(" annotated frame(s) had no results and were not scored</b>");
        }
        sb.append(".</p>");
        headline(sb, r);
        sb.append("<h2>Detection</h2><p>COCO average precision: 10 IoU thresholds 0.50:0.05:0.95, 101 recall points, "
            + "greedy matching in score order; classes without ground truth are left out.</p>");
        perClass(sb, r.detection());
        sb.append("<div class=\"plots\">");
        figure(sb, prCurves(r.detection()), "Interpolated precision against recall per class at IoU 0.5 (101 points).");
        figure(sb, positionScatter(r.positionErrors()), "Ground-plane position error of matched detections against the object's range from the robot.");
        sb.append("</div>");
        sb.append("<h2>Grounding</h2>");
        grounding(sb, r.grounding());
        sb.append("<h2>Latency</h2>");
        latencyTable(sb, r.latencyMs());
        sb.append("<div class=\"plots\">");
        for (Map.Entry<String, Percentiles> e : r.latencyMs().entrySet()) {
            String svg = latencyHistogram(e.getKey(), e.getValue());
            if (svg != null) {
                figure(sb, svg, "Per-frame " + e.getKey() + " time.");
            }
        }
        sb.append("</div>");
        if (!samples.isEmpty()) {
            sb.append("<h2>Sample frames</h2><p>Ground truth in object colours (expression targets framed in white); "
                + "detections in thin magenta with scores; grounding answers in cyan when correct, red when wrong.</p>");
            for (SampleFrame s : samples) {
                sb.append("<figure><img alt=\"").append(Html.escape(s.key().scene() + " frame " + s.key().frameIndex()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(s.png()))
                    .append("\"/><figcaption>").append(Html.escape(s.caption())).append("</figcaption></figure>");
            }
        }
        sb.append("<h2>All metrics</h2><p>The same keys as <code>--json</code>.</p><table><tr><th>key</th><th>value</th></tr>");
        MetricKeys.flatten(r).forEach((k, v) -> sb.append("<tr><td>").append(Html.escape(k)).append("</td><td class=\"n\">")
            .append(v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : Html.escape(v.toString()))
            .append("</td></tr>"));
        sb.append("</table></body></html>\n");
        return sb.toString();
    }

    public void write(EvaluationResult r, List<SampleFrame> samples, String title, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(r, samples, title));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file, e);
        }
    }

    private static void headline(StringBuilder sb, EvaluationResult r) {
        Percentiles pos = r.positionErrorPercentiles();
        Percentiles total = r.latencyMs().get("total");
        sb.append("<table><tr><th>mAP@0.5</th><th>mAP@[.5:.95]</th><th>grounding Acc@0.5</th><th>no-target rejection</th>")
            .append("<th>relation accuracy</th><th>position error p50 / p95</th><th>id switches</th><th>total latency p50 / p99</th></tr><tr>");
        cell(sb, pct(r.detection().map50()));
        cell(sb, pct(r.detection().map50To95()));
        cell(sb, pct(r.grounding().targeted().value()));
        cell(sb, pct(r.grounding().noTargetRejection().value()));
        cell(sb, pct(r.relations().accuracy()));
        cell(sb, num(pos.at(50), " m", 3) + " / " + num(pos.at(95), " m", 3));
        cell(sb, r.idSwitches().isPresent() ? String.valueOf(r.idSwitches().getAsInt()) : "n/a");
        cell(sb, total == null ? "n/a" : num(total.at(50), " ms", 1) + " / " + num(total.at(99), " ms", 1));
        sb.append("</tr></table>");
    }

    private static void cell(StringBuilder sb, String text) {
        sb.append("<td class=\"n big\">").append(Html.escape(text)).append("</td>");
    }

    private static void perClass(StringBuilder sb, DetectionMetrics d) {
        sb.append("<table><tr><th>class</th><th>ground truth</th><th>detections</th><th>TP@0.5</th><th>AP@0.5</th><th>AP@[.5:.95]</th></tr>");
        for (ClassAp c : d.perClass().values()) {
            sb.append("<tr><td>").append(Html.escape(c.label())).append("</td><td class=\"n\">").append(c.groundTruth())
                .append("</td><td class=\"n\">").append(c.detections()).append("</td><td class=\"n\">").append(c.truePositives()[0])
                .append("</td><td class=\"n\">").append(c.scored() ? fmt(c.ap50()) : "no ground truth")
                .append("</td><td class=\"n\">").append(c.scored() ? fmt(c.ap50To95()) : "-").append("</td></tr>");
        }
        sb.append("</table>");
    }

    private static void grounding(StringBuilder sb, GroundingMetrics g) {
        sb.append("<p>Correct when the answer's box has IoU &gt;= 0.5 with the target; a no-target expression is "
            + "correctly rejected by NO_MATCH. ").append(g.expressions().size()).append(" expression(s) graded");
        if (g.missing() > 0) {
            sb.append(", ").append(g.missing()).append(" without an answer (counted wrong)");
        }
        sb.append(".</p><table><tr><th>subset</th><th>correct</th><th>total</th><th>accuracy</th></tr>");
        rateRow(sb, "all with a target", g.targeted());
        for (ExpressionKind k : new ExpressionKind[] {ExpressionKind.ATTRIBUTE, ExpressionKind.RELATIONAL, ExpressionKind.SUPERLATIVE}) {
            rateRow(sb, k.name().toLowerCase(Locale.ROOT), g.kind(k));
        }
        rateRow(sb, "seen compositions", g.seen());
        rateRow(sb, "held-out compositions", g.heldOut());
        rateRow(sb, "no-target rejection", g.noTargetRejection());
        sb.append("</table>");
    }

    private static void rateRow(StringBuilder sb, String name, Rate r) {
        sb.append("<tr><td>").append(Html.escape(name)).append("</td><td class=\"n\">").append(r.hits()).append("</td><td class=\"n\">")
            .append(r.total()).append("</td><td class=\"n\">").append(pct(r.value())).append("</td></tr>");
    }

    private static void latencyTable(StringBuilder sb, Map<String, Percentiles> latency) {
        if (latency.isEmpty()) {
            sb.append("<p>The results carry no timings (replay --no-timings).</p>");
            return;
        }
        sb.append("<table><tr><th>stage</th><th>frames</th><th>p50 ms</th><th>p99 ms</th></tr>");
        latency.forEach((stage, p) -> sb.append("<tr><td>").append(Html.escape(stage)).append("</td><td class=\"n\">")
            .append(p.count()).append("</td><td class=\"n\">").append(num(p.at(50), "", 3)).append("</td><td class=\"n\">")
            .append(num(p.at(99), "", 3)).append("</td></tr>"));
        sb.append("</table>");
    }

    static String prCurves(DetectionMetrics d) {
        SvgChart chart = new SvgChart("Precision-recall at IoU 0.5", "recall", "precision", 0, 1, 0, 1.02).legendBottomLeft();
        int i = 0;
        for (ClassAp c : d.perClass().values()) {
            if (!c.scored()) {
                continue;
            }
            double[] xs = c.prCurve50().stream().mapToDouble(PrPoint::recall).toArray();
            double[] ys = c.prCurve50().stream().mapToDouble(PrPoint::precision).toArray();
            chart.line(xs, ys, SvgChart.PALETTE[i++ % SvgChart.PALETTE.length], c.label() + " " + fmt(c.ap50()));
        }
        return chart.render();
    }

    static String positionScatter(List<PositionError> errors) {
        double maxRange = errors.stream().mapToDouble(PositionError::rangeM).max().orElse(1);
        double maxError = errors.stream().mapToDouble(PositionError::errorM).max().orElse(0.1);
        SvgChart chart = new SvgChart("Position error vs distance", "range from robot (m)", "error on the table plane (m)",
            0, Math.max(0.1, maxRange * 1.05), 0, Math.max(0.01, maxError * 1.1));
        chart.dots(errors.stream().mapToDouble(PositionError::rangeM).toArray(),
            errors.stream().mapToDouble(PositionError::errorM).toArray(), SvgChart.PALETTE[0], errors.size() + " detections");
        return chart.render();
    }

    /** Null when the stage never took any time (e.g. decode on detection-only runs). */
    static String latencyHistogram(String stage, Percentiles p) {
        double[] v = p.sortedValues();
        if (v.length == 0 || v[v.length - 1] <= 0) {
            return null;
        }
        double lo = 0;
        double hi = v[v.length - 1] * 1.02;
        double[] edges = new double[HISTOGRAM_BINS + 1];
        for (int i = 0; i <= HISTOGRAM_BINS; i++) {
            edges[i] = lo + (hi - lo) * i / HISTOGRAM_BINS;
        }
        double[] counts = new double[HISTOGRAM_BINS];
        for (double x : v) {
            counts[Math.min(HISTOGRAM_BINS - 1, (int) ((x - lo) / (hi - lo) * HISTOGRAM_BINS))]++;
        }
        double top = java.util.Arrays.stream(counts).max().orElse(1);
        SvgChart chart = new SvgChart("Latency: " + stage, "milliseconds", "frames", lo, hi, 0, Math.max(1, top * 1.1));
        chart.bars(edges, counts, SvgChart.PALETTE[2], "p50 " + num(p.at(50), " ms", 2) + ", p99 " + num(p.at(99), " ms", 2));
        return chart.render();
    }

    private static void figure(StringBuilder sb, String svg, String caption) {
        sb.append("<figure>").append(svg).append("<figcaption>").append(Html.escape(caption)).append("</figcaption></figure>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * v.getAsDouble()) : "n/a";
    }

    private static String num(OptionalDouble v, String unit, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", v.getAsDouble()) + unit : "n/a";
    }

    /** Picks up to {@code max} frames worth looking at: each scene's first scored frame, then frames with wrong answers. */
    public static List<FrameKey> chooseSamples(EvaluationResult r, int max) {
        List<FrameKey> out = new ArrayList<>();
        java.util.Set<String> scenesShown = new java.util.HashSet<>();
        for (FrameKey k : r.frameKeys()) {
            if (out.size() < max && scenesShown.add(k.scene())) {
                out.add(k);
            }
        }
        for (ScoredExpression e : r.grounding().expressions()) {
            if (out.size() >= max) {
                break;
            }
            if (!e.correct() && !out.contains(e.frame())) {
                out.add(e.frame());
            }
        }
        return out;
    }
}
