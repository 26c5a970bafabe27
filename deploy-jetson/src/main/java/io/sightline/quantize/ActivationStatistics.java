package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;

import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Collects |x| histograms of the plan's activations over calibration frames in two passes: the first finds
 * each tensor's absolute maximum, the second bins into [0, max]. Two passes instead of re-binning keep the
 * histograms exact and independent of frame order.
 */
public final class ActivationStatistics {
    private ActivationStatistics() {
    }

    /**
     * @param frames pixel_values per frame index, 0 .. frameCount-1 (decoded on demand to keep memory flat)
     */
    public static Map<String, TensorHistogram> collect(ModelProto model, List<String> activations, int frameCount,
                                                       IntFunction<float[]> frames, long[] shape, int threads, int bins) {
        byte[] observed = ObservedGraph.withOutputs(model, activations).toByteArray();
        Set<String> wanted = new HashSet<>(activations);
        Map<String, Double> max = new LinkedHashMap<>();
        activations.forEach(a -> max.put(a, 0.0));
        Map<String, TensorHistogram> histograms = new LinkedHashMap<>();
        try (EncoderSession session = new EncoderSession(observed, threads, "calibration graph")) {
            for (int f = 0; f < frameCount; f++) {
                Map<String, float[]> out = session.run(frames.apply(f), shape, wanted);
                out.forEach((name, values) -> max.merge(name, absMax(values), Math::max));
            }
            max.forEach((name, m) -> {
                if (!Double.isFinite(m)) {
                    throw new Int8CalibrationException("activation '" + name + "' reached a non-finite value on the calibration frames");
                }
                histograms.put(name, new TensorHistogram(m, bins));
            });
            for (int f = 0; f < frameCount; f++) {
                Map<String, float[]> out = session.run(frames.apply(f), shape, wanted);
                out.forEach((name, values) -> histograms.get(name).add(FloatBuffer.wrap(values)));
            }
        }
        return histograms;
    }

    static double absMax(float[] values) {
        float m = 0;
        for (float v : values) {
            float a = Math.abs(v);
            if (a > m || Float.isNaN(a)) {
                m = a;
            }
        }
        return m;
    }
}
