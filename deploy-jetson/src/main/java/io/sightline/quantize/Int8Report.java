package io.sightline.quantize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The calibration report: per-tensor ranges, FP32 vs INT8 similarity and speed, and the accuracy guard's verdict. */
public final class Int8Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Int8Report() {
    }

    public static ObjectNode json(Int8CalibrationResult r, AccuracyVerdict verdict) {
        Int8Options o = r.options();
        ObjectNode root = JSON.createObjectNode();
        root.put("pack", o.pack().toString());
        root.put("graph", o.graph());
        root.put("method", o.method().id());
        if (o.method() == RangeMethod.PERCENTILE) {
            root.put("percentile", o.percentile());
        }
        root.put("scope", o.scope().id());
        root.put("calibration_frames", r.frames().size());
        ArrayNode scenes = root.putArray("scenes");
        o.scenes().forEach(s -> scenes.add(s.toString()));
        root.put("tensorrt_version", o.tensorRtVersion());
        root.put("quantized_activations", r.plan().activations().size());
        root.put("quantized_weights", r.plan().weights().size());
        EncoderComparison c = r.comparison();
        ObjectNode cmp = root.putObject("fp32_vs_int8");
        cmp.put("output", c.output());
        cmp.put("frames", c.frames());
        cmp.put("cosine_mean", c.cosineMean());
        cmp.put("cosine_min", c.cosineMin());
        cmp.put("threads", c.threads());
        cmp.put("fp32_median_ms", c.fp32MedianMs());
        cmp.put("int8_median_ms", c.int8MedianMs());
        cmp.put("speedup", c.speedup());
        cmp.put("fp32_best_ms", c.fp32BestMs());
        cmp.put("int8_best_ms", c.int8BestMs());
        cmp.put("best_speedup", c.bestSpeedup());
        if (verdict != null) {
            ObjectNode acc = root.putObject("accuracy_guard");
            acc.put("metric", verdict.metric());
            acc.put("stand_in", verdict.standIn());
            acc.set("fp32", JSON.valueToTree(new TreeMap<>(verdict.fp32())));
            acc.set("int8", JSON.valueToTree(new TreeMap<>(verdict.int8())));
            acc.put("passed", verdict.passed());
            acc.put("reason", verdict.reason());
        }
        ArrayNode tensors = root.putArray("activations");
        for (TensorRange t : r.ranges()) {
            ObjectNode n = tensors.addObject();
            n.put("tensor", t.tensor());
            n.put("observed_max", t.observedMax());
            n.put("amax", t.amax());
            n.put("scale", t.scale());
            n.put("quantized", r.plan().activations().contains(t.tensor()));
        }
        ArrayNode weights = root.putArray("weights");
        r.plan().weights().forEach(w -> weights.addObject().put("initializer", w.initializer()).put("axis", w.axis()));
        return root;
    }

    public static String text(Int8CalibrationResult r, AccuracyVerdict verdict) {
        Int8Options o = r.options();
        EncoderComparison c = r.comparison();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "INT8 calibration of %s: method %s%s, scope %s, %d frames%n", o.pack(), o.method().id(),
            o.method() == RangeMethod.PERCENTILE ? " " + o.percentile() : "", o.scope().id(), r.frames().size()));
        sb.append(String.format(Locale.ROOT, "quantized: %d activations (per-tensor), %d weights (per-channel)%n",
            r.plan().activations().size(), r.plan().weights().size()));
        sb.append(String.format(Locale.ROOT, "%s cosine FP32 vs INT8: mean %.6f, min %.6f over %d frames%n",
            c.output(), c.cosineMean(), c.cosineMin(), c.frames()));
        sb.append(String.format(Locale.ROOT, "ONNX Runtime CPU, %d threads, per frame: median FP32 %.2f ms, INT8 %.2f ms (%.2fx); "
            + "best FP32 %.2f ms, INT8 %.2f ms (%.2fx)%n",
            c.threads(), c.fp32MedianMs(), c.int8MedianMs(), c.speedup(), c.fp32BestMs(), c.int8BestMs(), c.bestSpeedup()));
        if (verdict != null) {
            sb.append(String.format(Locale.ROOT, "accuracy guard %s: %s%n  %s%n", verdict.passed() ? "PASSED" : "FAILED", verdict.metric(),
                verdict.reason()));
            if (verdict.standIn()) {
                sb.append("  STAND-IN: the scene evaluator's detection mAP@0.5 / grounding accuracy were not measured\n");
            }
        }
        sb.append("activation ranges (observed max -> amax; * = quantized in the QDQ model, all go to the TensorRT cache):\n");
        java.util.Set<String> quantized = new java.util.HashSet<>(r.plan().activations());
        for (TensorRange t : r.ranges()) {
            sb.append(String.format(Locale.ROOT, "  %s %-60s %9.4f -> %9.4f%n", quantized.contains(t.tensor()) ? "*" : " ",
                t.tensor(), t.observedMax(), t.amax()));
        }
        return sb.toString();
    }

}
