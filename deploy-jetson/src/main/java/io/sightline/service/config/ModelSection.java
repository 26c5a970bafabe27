package io.sightline.service.config;

import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.Precision;
import io.sightline.transport.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code model} section: which pack and how to run it, in the pipeline's own types.
 *
 * @param engineCache TensorRT engine folder; empty = {@code <pack>/engines}
 * @param threads     ONNX Runtime intra-op threads of every session; 0 = measured for the vision encoder at start-up
 *                    (every core but one unless every core is >= 10% faster), ORT's default for the others
 */
public record ModelSection(String pack, BackendPreference backend, EncoderPrecision precision, String engineCache,
                           int threads) {
    public ModelSection {
        if (threads < 0 || threads > 256) {
            throw new ConfigException("model.threads: " + threads + " must be 0 (measured) or 1..256");
        }
        if (pack == null || pack.isBlank()) {
            throw new ConfigException("model.pack: must name a model pack folder");
        }
        backend = backend == null ? BackendPreference.AUTO : backend;
        precision = precision == null ? EncoderPrecision.FP32 : precision;
    }

    /** How to open the pack at {@code packDir}: this backend and precision, engines cached per {@link #engineCache}. */
    public VlmOptions options(Path packDir) {
        Path engines = engineCache == null || engineCache.isBlank() ? packDir.resolve("engines") : Path.of(engineCache);
        Precision trt = precision == EncoderPrecision.INT8 ? Precision.INT8_QDQ : Precision.FP32;
        return new VlmOptions(backend, precision, OnnxRuntimeOptions.defaults().withIntraOpThreads(threads),
            VlmOptions.defaultTensorRt(engines, trt),
            Optional.empty(), OptionalDouble.empty());
    }
}
