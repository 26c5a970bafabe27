package io.sightline.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch-eager baseline: runs torch_baseline.py (shipped in this jar) with a system Python that has
 * torch and onnx. It interprets the same ONNX graph op by op with torch on the same inputs; see the
 * script's docstring for what that measures.
 */
public final class TorchBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final String unavailable;

    /** The torch run of one graph. */
    /** fakeQuant: the graph had QDQ nodes, which torch ran as float32 fake quantization (no int8 kernels). */
    public record Result(LatencyStats latency, double gflop, double checksum, String torchVersion, boolean fakeQuant) {
    }

    public TorchBaseline(Path python) {
        this.python = python;
        this.unavailable = check(python);
    }

    /** Empty when usable; otherwise why not. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    private static String check(Path python) {
        if (!Files.isExecutable(python)) {
            return python + " not found";
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import torch, onnx").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return python + " cannot import torch and onnx: " + (out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out));
            }
            return null;
        } catch (IOException e) {
            return python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public Result run(Path graph, Map<String, Tensor> inputs, int threads, int warmup, int iterations) {
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        Path script = extractScript();
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), "--graph", graph.toString(),
                "--inputs", JSON.writeValueAsString(BenchInputs.describe(inputs)), "--threads", String.valueOf(threads),
                "--warmup", String.valueOf(warmup), "--iterations", String.valueOf(iterations)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String last = out.strip().lines().reduce((a, b) -> b).orElse("");
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                throw new IllegalStateException("torch baseline failed on " + graph.getFileName() + " (exit " + p.exitValue() + "): " + tail(out));
            }
            JsonNode r = JSON.readTree(last);
            LatencyStats latency = new LatencyStats(iterations, r.get("p50_ms").asDouble(), r.get("p99_ms").asDouble(),
                r.get("mean_ms").asDouble(), r.get("max_ms").asDouble());
            return new Result(latency, r.get("gflop").asDouble(), r.get("checksum").asDouble(), r.get("torch").asText(),
                r.path("fake_quant").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException("torch baseline: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("torch baseline interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it
            }
        }
    }

    private static String tail(String out) {
        String s = out.strip();
        return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
    }

    private static Path extractScript() {
        try (InputStream in = TorchBaseline.class.getResourceAsStream("torch_baseline.py")) {
            if (in == null) {
                throw new IllegalStateException("torch_baseline.py missing from the runtime-trt jar");
            }
            Path tmp = Files.createTempFile("sightline-torch-baseline", ".py");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract torch_baseline.py: " + e.getMessage(), e);
        }
    }
}
