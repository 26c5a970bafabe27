package io.sightline.quantize;

import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.vision.ImagePreprocessor;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.tensorrt.CalibrationCache;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * INT8 post-training quantization of a pack's vision encoder: frames -> activation histograms -> ranges by the
 * chosen method -> QDQ model + TensorRT calibration cache -> FP32 vs INT8 comparison. Writes nothing; see
 * {@link Int8PackWriter}.
 */
public final class Int8Calibration {
    private Int8Calibration() {
    }

    /**
     * The frames' {@code pixel_values}, each read as a scene frame is ({@link FrameImages#read}) and preprocessed by
     * the service's {@link ImagePreprocessor} for the pack's image spec; decoded once (a 256x192 frame is 590 kB of
     * floats).
     */
    public static List<float[]> pixelValues(List<Path> frames, ImageSpec image) {
        List<float[]> out = new ArrayList<>(frames.size());
        try (ImagePreprocessor prep = new ImagePreprocessor(image)) {
            for (Path f : frames) {
                float[] x = new float[prep.valueCount()];
                try (Mat bgr = FrameImages.read(f)) {
                    prep.fill(bgr, FloatBuffer.wrap(x));
                }
                out.add(x);
            }
        }
        return out;
    }

    /** The encoder input's shape, batch 1: {@code [1, 3, height, width]}. */
    public static long[] inputShape(ImageSpec image) {
        return new long[] {1, 3, image.height(), image.width()};
    }

    /** @param image the pack's encoder input ({@code manifest.image()} of the loaded pack) */
    public static Int8CalibrationResult run(Int8Options o, ImageSpec image) {
        long[] shape = inputShape(image);
        ModelProto fp32 = OnnxModelFile.read(o.pack().resolve(o.graph()));
        List<Path> frames = CalibrationFrames.select(o.scenes(), o.frames());
        List<float[]> pixels = pixelValues(frames, image);
        QuantizationPlan plan = QuantizationPlan.of(fp32, o.scope());
        if (plan.activations().isEmpty()) {
            throw new Int8CalibrationException(o.pack().resolve(o.graph()) + " has no MatMul, Gemm or Conv to quantize in scope "
                + o.scope().id() + (QuantizationPlan.of(fp32, QuantizationScope.ALL).activations().isEmpty() ? ""
                : " (its Convs need --scope weighted, fused or all)"));
        }
        // ranges of every MatMul/Gemm/Conv input go to the TensorRT cache (implicit mode wants as many as it can
        // get); the QDQ model uses those of the chosen scope
        List<String> calibrated = new ArrayList<>(new java.util.LinkedHashSet<>(QuantizationPlan.of(fp32, QuantizationScope.ALL).activations()));
        plan.outputs().stream().filter(t -> !calibrated.contains(t)).forEach(calibrated::add);
        Map<String, TensorHistogram> histograms = ActivationStatistics.collect(fp32, calibrated, pixels.size(),
            pixels::get, shape, o.threads(), TensorHistogram.DEFAULT_BINS);
        List<TensorRange> ranges = new ArrayList<>();
        Map<String, Double> amax = new LinkedHashMap<>();
        Map<String, Float> cacheRanges = new LinkedHashMap<>();
        java.util.Set<String> graphInputs = new java.util.HashSet<>();
        fp32.getGraph().getInputList().forEach(i -> graphInputs.add(i.getName()));
        histograms.forEach((name, h) -> {
            // graph inputs keep their observed maximum whatever the method: the image is bounded by the
            // preprocessing and carries the colours the labels depend on (entropy would clip pixel_values
            // 2.64 -> 1.61 on the demo scenes)
            // so do the Conv outputs of the fused scope: the next Conv's input quantizer clips with the chosen method
            // already, and clipping the pre-activation output as well cost NanoDet 3.8 points of val mAP@0.5
            // (percentile: 0.6420 with the outputs clipped, 0.7037 at their observed max; FP32 0.6799)
            double a = graphInputs.contains(name) || plan.outputs().contains(name) ? h.range() : o.method().amax(h, o.percentile());
            ranges.add(new TensorRange(name, h.range(), a));
            amax.put(name, a);
            // TensorRT rejects a zero scale; an all-zero tensor gets the same 1/127 scale as in the QDQ model
            cacheRanges.put(name, a > 0 ? (float) a : 1f);
        });
        ModelProto int8 = QdqModelBuilder.build(fp32, plan, amax);
        CalibrationCache cache = CalibrationCache.fromAbsMax(o.tensorRtVersion(), cacheRanges);
        EncoderComparison comparison = EncoderComparison.measure(fp32.toByteArray(), int8.toByteArray(), o.comparedOutput(),
            pixels.size(), pixels::get, shape, o.threads(), o.timedRounds());
        return new Int8CalibrationResult(o, frames, plan, ranges, int8, cache, comparison);
    }
}
