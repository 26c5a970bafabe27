package io.sightline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.bench.BenchInputs;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeBaselineTest {
    /** onnxruntime-node installed here by npm for the test (its CUDA download skipped); skipped with the reason without npm. */
    static final Path MODULES = Path.of("target", "node-bench");
    static final Path GRAPH = Path.of("src", "test", "resources", "io", "sightline", "quantize", "tiny_encoder.onnx");

    @TempDir
    Path tmp;

    @Test
    void aFolderWithoutNodeModulesIsSkippedWithTheReason() {
        assertThat(NodeBaseline.unavailable(tmp)).hasValueSatisfying(r -> assertThat(r).contains("has no node_modules"));
    }

    @Test
    void ratiosAreNodeOverJavaAndAMissingRuntimeIsNamedNotTimed() {
        List<String> lines = NodeBaseline.lines(10, List.of(new NodeBaseline.Runtime("onnxruntime-node", Optional.of(12.5), "v"),
            new NodeBaseline.Runtime("tfjs original (node)", Optional.empty(), "no --tfjs-model given")));
        assertThat(lines.get(0)).contains("12.500 ms").contains("1.25x");
        assertThat(lines.get(1)).contains("skipped: no --tfjs-model given");
    }

    @Test
    void onnxruntimeNodeTimesTheSameGraphOnTheSameInput() throws Exception {
        Optional<String> missing = install();
        assumeTrue(missing.isEmpty(), () -> "no onnxruntime-node: " + missing.orElse(""));
        Map<String, Tensor> inputs;
        try (InferenceSession s = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1)).open(GRAPH)) {
            inputs = BenchInputs.create("tiny_encoder.onnx", s.inputs(), Map.of("batch", 1L));
        }
        List<NodeBaseline.Runtime> r = NodeBaseline.run(MODULES, GRAPH, Optional.empty(), inputs, 1, 1, 3);
        assertThat(r.get(0).p50Ms()).isEmpty();
        assertThat(r.get(0).note()).contains("no --tfjs-model");
        assertThat(r.get(1).p50Ms()).hasValueSatisfying(p -> assertThat(p).isPositive());
        assertThat(r.get(1).note()).contains("onnxruntime-node 1.30.0").contains("3 runs");
    }

    /** Empty when onnxruntime-node is there (or npm put it there); otherwise why not. */
    private static Optional<String> install() throws Exception {
        if (Files.exists(MODULES.resolve("node_modules/onnxruntime-node/package.json"))) {
            return NodeBaseline.unavailable(MODULES);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("npm", "install", "--prefix", MODULES.toString(), "--no-audit", "--no-fund",
                "--ignore-scripts", "onnxruntime-node@1.30.0").redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.of("npm install onnxruntime-node@1.30.0 failed: " + out.strip().lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (java.io.IOException e) {
            return Optional.of("npm is not installed (" + e.getMessage() + ")");
        }
        return NodeBaseline.unavailable(MODULES);
    }
}
