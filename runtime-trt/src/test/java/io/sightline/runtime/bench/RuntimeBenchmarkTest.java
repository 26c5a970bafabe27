package io.sightline.runtime.bench;

import static io.sightline.runtime.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.runtime.ElementType;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeBenchmarkTest {
    private final OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1));

    @Test
    void inputsFollowTheSharedPatternAndTheGivenDims() {
        try (InferenceSession s = ort.open(graph("decoder_step.onnx"))) {
            Map<String, Tensor> in = BenchInputs.create("decoder_step.onnx", s.inputs(), Map.of("batch", 1L, "past_len", 64L));
            assertThat(in.get("past_key").shape()).containsExactly(1, 64, 32);
            assertThat(in.get("input_ids").type()).isEqualTo(ElementType.INT64);
            // make_test_graphs.pattern(3) = [-0.5, 0.261, 0.022]
            assertThat(in.get("past_key").floats().get(1)).isCloseTo(0.261f, within(1e-6f));
            assertThat(in.get("past_key").floats().get(2)).isCloseTo(0.022f, within(1e-6f));
            assertThatThrownBy(() -> BenchInputs.create("decoder_step.onnx", s.inputs(), Map.of("batch", 1L)))
                .hasMessageContaining("dynamic dimension 'past_len'; give it a value with --dim past_len=N");
        }
    }

    @Test
    void reportHasARowPerGraphAndAGemmCeiling() {
        var plan = new RuntimeBenchmark.Plan(List.of(new RuntimeBenchmark.Graph("encoder", graph("mlp_fp32.onnx"))),
            1, 1, 5, Map.of("batch", 4L), Optional.empty(), 64);
        RuntimeBenchmark.Report report = RuntimeBenchmark.run(plan);
        assertThat(report.ceilings()).extracting(GemmCeiling.Rate::threads).containsExactly(1, 2);
        assertThat(report.ceilings().get(0).gflopPerSecond()).isPositive();
        RuntimeBenchmark.Row row = report.rows().get(0);
        assertThat(row.ort().latency().samples()).isEqualTo(5);
        assertThat(row.ort().latency().p99Ms()).isGreaterThanOrEqualTo(row.ort().latency().p50Ms());
        assertThat(row.torchNote()).isEqualTo("torch baseline off");
        StringWriter text = new StringWriter();
        BenchReportPrinter.print(report, new PrintWriter(text, true));
        assertThat(text.toString()).contains("encoder mlp_fp32.onnx").contains("GEMM ceiling").contains("inputs: x:float32[4, 16]");
    }

    @Test
    void interleavedTimingGivesEverySessionAllItsRunsWhateverTheBlockCount() {
        try (InferenceSession a = ort.open(graph("mlp_fp32.onnx")); InferenceSession b = ort.open(graph("mlp_int8_qdq.onnx"))) {
            Map<String, Tensor> in = BenchInputs.create("mlp_fp32.onnx", a.inputs(), Map.of("batch", 2L));
            for (int rounds : new int[] {1, 3, 7, 20}) {
                List<SessionBenchmark.Measurement> m = SessionBenchmark.measureInterleaved(List.of(a, b), List.of(in, in), 1, 7, rounds);
                assertThat(m).extracting(x -> x.latency().samples()).as("rounds %d", rounds).containsExactly(7, 7);
                assertThat(m.get(0).latency().p50Ms()).isPositive();
                // the QDQ graph computes nearly the same outputs: the checksums are of each session's own first run
                assertThat(m.get(1).checksum()).isCloseTo(m.get(0).checksum(), within(0.05 * m.get(0).checksum()));
            }
            assertThatThrownBy(() -> SessionBenchmark.measureInterleaved(List.of(a), List.of(in, in), 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void torchInterpreterComputesWhatOnnxRuntimeComputes() {
        TorchBaseline torch = new TorchBaseline(Path.of("/usr/bin/python3"));
        assumeTrue(torch.unavailableReason().isEmpty(), () -> torch.unavailableReason().orElse(""));
        for (String g : List.of("decoder_step.onnx", "mlp_int8_qdq.onnx")) {
            try (InferenceSession s = ort.open(graph(g))) {
                Map<String, Tensor> in = BenchInputs.create(g, s.inputs(), Map.of("batch", 2L, "past_len", 7L));
                double ortSum = SessionBenchmark.measure(s, in, 0, 1).checksum();
                TorchBaseline.Result r = torch.run(graph(g), in, 1, 0, 2);
                assertThat(r.checksum()).as(g).isCloseTo(ortSum, within(1e-4 * ortSum));
                assertThat(r.latency().samples()).isEqualTo(2);
            }
        }
    }
}
