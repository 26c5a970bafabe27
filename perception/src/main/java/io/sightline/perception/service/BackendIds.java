package io.sightline.perception.service;

import io.sightline.perception.vlm.EncoderPrecision;
import io.sightline.runtime.select.BackendChoice;
import io.sightline.runtime.select.BackendPreference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** The backend as the status topic names it, and whether its choice should make the service DEGRADED. */
public final class BackendIds {
    /** Device nodes of an NVIDIA GPU: discrete (nvidia0) and Jetson (nvhost-ctrl-gpu, nvgpu). */
    static final List<String> GPU_NODES = List.of("/dev/nvidia0", "/dev/nvhost-ctrl-gpu", "/dev/nvgpu/igpu0/ctrl");

    private BackendIds() {}

    /** "onnxruntime-cpu-fp32", "tensorrt-int8". */
    public static String shortId(BackendChoice choice, EncoderPrecision precision) {
        String name = choice.backend().name();
        return name + ("onnxruntime".equals(name) ? "-cpu" : "") + "-" + precision.name().toLowerCase(Locale.ROOT);
    }

    /** Whether this machine has an NVIDIA GPU's device node ({@link #GPU_NODES}). */
    public static boolean gpuPresent() {
        return GPU_NODES.stream().anyMatch(p -> Files.exists(Path.of(p)));
    }

    public static Optional<String> fallbackOnGpuMachine(BackendChoice choice, BackendPreference preference) {
        return fallbackOnGpuMachine(choice, preference, p -> Files.exists(Path.of(p)));
    }

    /**
     * A DEGRADED reason when {@code auto} chose the CPU although the machine has an NVIDIA GPU: the robot runs
     * several times slower than it could, and somebody should know why.
     */
    static Optional<String> fallbackOnGpuMachine(BackendChoice choice, BackendPreference preference, Predicate<String> exists) {
        boolean cpu = "onnxruntime".equals(choice.backend().name());
        if (preference != BackendPreference.AUTO || !cpu || GPU_NODES.stream().noneMatch(exists)) {
            return Optional.empty();
        }
        return Optional.of("backend fallback to the CPU on a machine with an NVIDIA GPU: " + choice.reason());
    }
}
