package io.sightline.quantize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * FP32 vs INT8 encoder on the same frames: cosine similarity of an output (image_features) per frame, and
 * latency of both on ONNX Runtime CPU with the same thread count. Timing alternates FP32 and INT8 frame by
 * frame after a warm-up, so load from other processes hits both alike.
 *
 * @param output         the compared output's name
 * @param cosineMean     mean over frames
 * @param cosineMin      worst frame
 * @param fp32MedianMs   median latency of one frame, FP32
 * @param int8MedianMs   median latency of one frame, INT8
 * @param fp32BestMs     fastest frame, FP32 (less sensitive to other processes' load than the median)
 * @param int8BestMs     fastest frame, INT8
 * @param threads        intra-op threads used for both
 * @param frames         frames compared
 */
public record EncoderComparison(String output, double cosineMean, double cosineMin, double fp32MedianMs, double int8MedianMs,
                                double fp32BestMs, double int8BestMs, int threads, int frames) {
    public static final int WARMUP_RUNS = 3;

    /** FP32 / INT8 median latency. */
    public double speedup() {
        return fp32MedianMs / int8MedianMs;
    }

    /** FP32 / INT8 fastest-frame latency. */
    public double bestSpeedup() {
        return fp32BestMs / int8BestMs;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /**
     * @param timedRounds how many times each frame is timed per model (>= 1)
     */
    public static EncoderComparison measure(byte[] fp32, byte[] int8, String output, int frameCount, IntFunction<float[]> frames,
                                            long[] shape, int threads, int timedRounds) {
        if (frameCount <= 0) {
            throw new IllegalArgumentException("comparison needs at least one frame");
        }
        Set<String> wanted = Set.of(output);
        double[] cos = new double[frameCount];
        List<Double> fp32Ms = new ArrayList<>();
        List<Double> int8Ms = new ArrayList<>();
        try (EncoderSession a = new EncoderSession(fp32, threads, "FP32 encoder");
             EncoderSession b = new EncoderSession(int8, threads, "INT8 encoder")) {
            if (!a.outputNames().contains(output)) {
                throw new Int8CalibrationException("the encoder has no output '" + output + "' (outputs: " + a.outputNames() + ")");
            }
            for (int f = 0; f < frameCount; f++) {
                float[] x = frames.apply(f);
                cos[f] = cosine(a.run(x, shape, wanted).get(output), b.run(x, shape, wanted).get(output));
            }
            float[] x0 = frames.apply(0);
            for (int w = 0; w < WARMUP_RUNS; w++) {
                a.run(x0, shape, wanted);
                b.run(x0, shape, wanted);
            }
            for (int r = 0; r < timedRounds; r++) {
                for (int f = 0; f < frameCount; f++) {
                    float[] x = frames.apply(f);
                    fp32Ms.add(timeMs(a, x, shape, wanted));
                    int8Ms.add(timeMs(b, x, shape, wanted));
                }
            }
        }
        return new EncoderComparison(output, Arrays.stream(cos).average().orElse(0), Arrays.stream(cos).min().orElse(0),
            median(fp32Ms), median(int8Ms), min(fp32Ms), min(int8Ms), threads, frameCount);
    }

    private static double timeMs(EncoderSession s, float[] x, long[] shape, Set<String> wanted) {
        long t0 = System.nanoTime();
        Map<String, float[]> ignored = s.run(x, shape, wanted);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Cosine similarity of two vectors; 1 when both are all zeros. */
    public static double cosine(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("cosine of vectors of different lengths " + x.length + " and " + y.length);
        }
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            nx += (double) x[i] * x[i];
            ny += (double) y[i] * y[i];
        }
        if (nx == 0 && ny == 0) {
            return 1;
        }
        if (nx == 0 || ny == 0) {
            return 0;
        }
        return dot / Math.sqrt(nx * ny);
    }
}
