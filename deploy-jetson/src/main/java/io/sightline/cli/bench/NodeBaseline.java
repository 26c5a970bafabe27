package io.sightline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node baselines of {@code bench runtime --node-baseline DIR}: node_baseline.js (shipped in this jar) runs the TF.js
 * original of a graph (tfjs-core/-converter/-backend-cpu) and onnxruntime-node on the same ONNX graph, on the input
 * ONNX Runtime Java timed. The packages come from {@code DIR/node_modules} (installed there with npm; nothing is
 * downloaded here); what is missing is reported with its reason, never timed as zero.
 */
final class NodeBaseline {
    static final String SCRIPT = "node_baseline.js";
    /** TF.js's CPU backend is pure JavaScript (seconds a frame for a conv net): at most this many timed runs, one warm-up. */
    static final int TFJS_MAX_ITERATIONS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Node runtime: its p50 and version, or why it did not run. */
    record Runtime(String name, Optional<Double> p50Ms, String note) {
        static Runtime of(String name, JsonNode n) {
            if (n == null || n.isMissingNode()) {
                return new Runtime(name, Optional.empty(), "no result");
            }
            if (n.has("unavailable")) {
                return new Runtime(name, Optional.empty(), n.get("unavailable").asText());
            }
            return new Runtime(name, Optional.of(n.get("p50_ms").asDouble()), n.path("version").asText()
                + String.format(java.util.Locale.ROOT, ", %d runs, p99 %.3f ms", n.path("runs").asInt(), n.path("p99_ms").asDouble()));
        }
    }

    private NodeBaseline() {
    }

    /** Empty when node runs; otherwise why not. */
    static Optional<String> unavailable(Path nodeModules) {
        if (!Files.isDirectory(nodeModules.resolve("node_modules"))) {
            return Optional.of(nodeModules + " has no node_modules (npm install --prefix " + nodeModules + " ...)");
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.empty() : Optional.of("node --version failed");
        } catch (IOException e) {
            return Optional.of("node is not installed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * @param inputs the graph's single input, as ONNX Runtime Java ran it
     * @return tfjs and onnxruntime-node, in that order
     */
    static List<Runtime> run(Path nodeModules, Path onnx, Optional<Path> tfjsModel, Map<String, Tensor> inputs, int threads,
                             int warmup, int iterations) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("--node-baseline needs a graph with one input, " + onnx.getFileName() + " has " + inputs.keySet());
        }
        Map.Entry<String, Tensor> in = inputs.entrySet().iterator().next();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sightline-node-baseline");
            Path script = dir.resolve(SCRIPT);
            try (InputStream s = NodeBaseline.class.getResourceAsStream(SCRIPT)) {
                if (s == null) {
                    throw new IllegalStateException(SCRIPT + " missing from the jar");
                }
                Files.copy(s, script);
            }
            float[] values = in.getValue().toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            Path input = Files.write(dir.resolve("input.f32"), b.array());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("onnx", onnx.toAbsolutePath().toString());
            spec.put("tfjs_model", tfjsModel.map(p -> p.toAbsolutePath().toString()).orElse(null));
            spec.put("input_name", in.getKey());
            spec.put("input_file", input.toString());
            spec.put("shape", in.getValue().shape());
            spec.put("threads", threads);
            spec.put("warmup", warmup);
            spec.put("iterations", iterations);
            spec.put("tfjs_iterations", Math.min(iterations, TFJS_MAX_ITERATIONS));
            Path specFile = dir.resolve("spec.json");
            JSON.writeValue(specFile.toFile(), spec);
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), specFile.toString()).redirectErrorStream(true);
            pb.environment().put("NODE_PATH", nodeModules.toAbsolutePath().resolve("node_modules").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String last = out.strip().lines().reduce((x, y) -> y).orElse("");
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                throw new IllegalStateException("node baseline failed (exit " + p.exitValue() + "): " + out.strip());
            }
            JsonNode r = JSON.readTree(last);
            return List.of(Runtime.of("tfjs original (node)", r.path("tfjs")), Runtime.of("onnxruntime-node", r.path("onnxruntime_node")));
        } catch (IOException e) {
            throw new UncheckedIOException("node baseline: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("node baseline interrupted", e);
        } finally {
            if (dir != null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder; the OS cleans it
                }
            }
        }
    }

    /** Lines for the report: each runtime's p50 and its ratio to ONNX Runtime Java's p50 from the same run. */
    static List<String> lines(double ortJavaP50, List<Runtime> runtimes) {
        List<String> out = new ArrayList<>();
        for (Runtime r : runtimes) {
            out.add(r.p50Ms().map(p -> String.format(java.util.Locale.ROOT, "%-22s p50 %9.3f ms   its p50 / Java's: %.2fx (%s)",
                r.name(), p, p / ortJavaP50, r.note())).orElse(String.format("%-22s skipped: %s", r.name(), r.note())));
        }
        return out;
    }
}
