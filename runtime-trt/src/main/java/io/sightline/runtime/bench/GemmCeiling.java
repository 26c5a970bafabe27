package io.sightline.runtime.bench;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The machine's practical float32 GEMM rate: an n x n x n MatMul through ONNX Runtime's MLAS kernels on a
 * given number of threads. A graph dominated by MatMuls cannot beat this; its GFLOP per second divided by
 * this rate says how much of the machine the runtime uses.
 */
public final class GemmCeiling {
    private GemmCeiling() {
    }

    public record Rate(int threads, int size, double gflopPerSecond, LatencyStats latency) {
    }

    public static Rate measure(int threads, int size, int iterations) {
        Path graph = extractGraph();
        try {
            OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(threads));
            try (InferenceSession s = ort.open(graph)) {
                Tensor a = Tensor.allocate(ElementType.FLOAT32, size, size);
                Tensor b = Tensor.allocate(ElementType.FLOAT32, size, size);
                BenchInputs.fill(a);
                BenchInputs.fill(b);
                LatencyStats latency = SessionBenchmark.measure(s, Map.of("a", a, "b", b), 3, iterations).latency();
                double flop = 2.0 * size * size * size;
                return new Rate(threads, size, flop / (latency.p50Ms() / 1e3) / 1e9, latency);
            }
        } finally {
            try {
                Files.deleteIfExists(graph);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it
            }
        }
    }

    private static Path extractGraph() {
        try (InputStream in = GemmCeiling.class.getResourceAsStream("gemm.onnx")) {
            if (in == null) {
                throw new IllegalStateException("gemm.onnx missing from the runtime-trt jar");
            }
            Path tmp = Files.createTempFile("sightline-gemm", ".onnx");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract gemm.onnx: " + e.getMessage(), e);
        }
    }
}
