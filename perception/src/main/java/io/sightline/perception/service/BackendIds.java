package io.sightline.perception.service;

import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.select.BackendChoice;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.Precision;
import io.sightline.transport.config.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** The {@code model} section turned into pack options, and the backend as the status topic names it. */
final class BackendIds {
    /** Device nodes of an NVIDIA GPU: discrete (nvidia0) and Jetson (nvhost-ctrl-gpu, nvgpu). */
    static final List<String> GPU_NODES = List.of("/dev/nvidia0", "/dev/nvhost-ctrl-gpu", "/dev/nvgpu/igpu0/ctrl");

    private BackendIds() {}

    /** "onnxruntime-cpu-fp32", "tensorrt-int8". */
    static String shortId(BackendChoice choice, EncoderPrecision precision) {
        String name = choice.backend().name();
        return name + ("onnxruntime".equals(name) ? "-cpu" : "") + "-" + precision.name().toLowerCase(Locale.ROOT);
    }

    static Optional<String> fallbackOnGpuMachine(BackendChoice choice, ModelConfig.Backend preference) {
        return fallbackOnGpuMachine(choice, preference, p -> Files.exists(Path.of(p)));
    }

    /**
     * A DEGRADED reason when {@code auto} chose the CPU although the machine has an NVIDIA GPU: the robot runs
     * several times slower than it could, and somebody should know why.
     */
    static Optional<String> fallbackOnGpuMachine(BackendChoice choice, ModelConfig.Backend preference, Predicate<String> exists) {
        boolean cpu = "onnxruntime".equals(choice.backend().name());
        if (preference != ModelConfig.Backend.AUTO || !cpu || GPU_NODES.stream().noneMatch(exists)) {
            return Optional.empty();
        }
        return Optional.of("backend fallback to the CPU on a machine with an NVIDIA GPU: " + choice.reason());
    }

    /** Pack options from the {@code model} section; TensorRT engines go to {@code engine_cache}, else {@code <pack>/engines}. */
    static VlmOptions options(ModelConfig m, Path packDir) {
        EncoderPrecision precision = switch (m.precision()) {
            case FP32 -> EncoderPrecision.FP32;
            case INT8 -> EncoderPrecision.INT8;
            case FP16 -> throw new ServiceException("model.precision: fp16 is not supported by the pipeline; use fp32 or int8");
        };
        Path engines = m.engineCache() == null || m.engineCache().isBlank() ? packDir.resolve("engines") : Path.of(m.engineCache());
        Precision trt = precision == EncoderPrecision.INT8 ? Precision.INT8_QDQ : Precision.FP32;
        return new VlmOptions(BackendPreference.valueOf(m.backend().name()), precision, OnnxRuntimeOptions.defaults(),
            VlmOptions.defaultTensorRt(engines, trt), Optional.empty(), java.util.OptionalDouble.empty());
    }
}
