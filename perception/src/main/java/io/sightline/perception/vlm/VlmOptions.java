package io.sightline.perception.vlm;

import io.sightline.perception.detect.DetectionConfig;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.DimRange;
import io.sightline.runtime.tensorrt.Precision;
import io.sightline.runtime.tensorrt.TensorRtOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to open a model pack.
 *
 * @param backend   {@code auto | onnxruntime | tensorrt}
 * @param precision which encoder graph: {@code fp32} ({@code vision_encoder.onnx}) or {@code int8}
 *                  ({@code vision_encoder_int8.onnx}, an error when the pack lacks it)
 * @param onnx      ONNX Runtime settings (threads, optimisation)
 * @param tensorRt  TensorRT settings (engine cache, dimension ranges)
 * @param detection dense-head thresholds; empty = the pack's manifest defaults
 * @param groundNoneThreshold the share of the first answer step's probability that {@code none} needs to be the
 *                  answer to a {@code ground} prompt ({@link io.sightline.perception.language.LocGrammar}); empty =
 *                  the pack's {@code prompt.none_threshold.ground}
 */
public record VlmOptions(BackendPreference backend, EncoderPrecision precision, OnnxRuntimeOptions onnx,
                         TensorRtOptions tensorRt, Optional<DetectionConfig> detection, OptionalDouble groundNoneThreshold) {
    public VlmOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(tensorRt, "tensorRt");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(groundNoneThreshold, "groundNoneThreshold");
        if (groundNoneThreshold.isPresent() && !(groundNoneThreshold.getAsDouble() > 0 && groundNoneThreshold.getAsDouble() < 1)) {
            throw new IllegalArgumentException("none threshold must be strictly between 0 and 1, got "
                + groundNoneThreshold.getAsDouble());
        }
    }

    /** ONNX Runtime FP32 with {@code threads} intra-op threads (0 = ORT's choice); TensorRT settings for {@code auto}. */
    public static VlmOptions onnxRuntime(int threads) {
        return new VlmOptions(BackendPreference.ONNXRUNTIME, EncoderPrecision.FP32,
            OnnxRuntimeOptions.defaults().withIntraOpThreads(threads), defaultTensorRt(Path.of("engines"), Precision.FP32),
            Optional.empty(), OptionalDouble.empty());
    }

    /**
     * TensorRT settings for the pack's graphs: batch 1, prompt + answer up to 256 tokens (the language decoder keeps a static cache of 96, 128, ... slots) (the decoder's
     * {@code sequence}, {@code past_sequence}, {@code total_sequence} dimensions).
     */
    public static TensorRtOptions defaultTensorRt(Path engineCache, Precision precision) {
        return TensorRtOptions.of(precision, engineCache, Map.of(
            "batch", DimRange.fixed(1),
            "sequence", new DimRange(1, 1, 256),
            "past_sequence", new DimRange(0, 96, 256),
            "total_sequence", new DimRange(1, 97, 257)));
    }

    public VlmOptions withBackend(BackendPreference preference) {
        return new VlmOptions(preference, precision, onnx, tensorRt, detection, groundNoneThreshold);
    }

    public VlmOptions withPrecision(EncoderPrecision p) {
        return new VlmOptions(backend, p, onnx, tensorRt, detection, groundNoneThreshold);
    }

    public VlmOptions withOnnx(OnnxRuntimeOptions o) {
        return new VlmOptions(backend, precision, o, tensorRt, detection, groundNoneThreshold);
    }

    public VlmOptions withDetection(DetectionConfig config) {
        return new VlmOptions(backend, precision, onnx, tensorRt, Optional.of(config), groundNoneThreshold);
    }

    /** A {@code ground} none threshold in place of the pack's (strictly between 0 and 1). */
    public VlmOptions withGroundNoneThreshold(double threshold) {
        return new VlmOptions(backend, precision, onnx, tensorRt, detection, OptionalDouble.of(threshold));
    }
}
