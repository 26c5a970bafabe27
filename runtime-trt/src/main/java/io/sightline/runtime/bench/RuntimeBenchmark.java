package io.sightline.runtime.bench;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One benchmark run: every graph on ONNX Runtime and, when available, in PyTorch eager on the same
 * inputs, plus the machine's GEMM ceiling, so every ratio in the report comes from the same run.
 */
public final class RuntimeBenchmark {
    /** A graph to measure, with the role it plays ("encoder", "encoder int8", "decoder step"). */
    public record Graph(String role, Path path) {
    }

    /**
     * @param rounds  ONNX Runtime timings alternate between the graphs in this many blocks (see
     *                {@link SessionBenchmark#measureInterleaved})
     * @param ort     session settings for ONNX Runtime; its thread count is replaced by {@code threads}
     */
    public record Plan(List<Graph> graphs, int threads, int warmup, int iterations, Map<String, Long> dims,
                       Optional<TorchBaseline> torch, int gemmSize, int rounds, OnnxRuntimeOptions ort) {
        public Plan(List<Graph> graphs, int threads, int warmup, int iterations, Map<String, Long> dims,
                    Optional<TorchBaseline> torch, int gemmSize) {
            this(graphs, threads, warmup, iterations, dims, torch, gemmSize, 10, OnnxRuntimeOptions.defaults());
        }

        public Plan {
            graphs = List.copyOf(graphs);
            dims = Map.copyOf(dims);
            if (threads < 1 || iterations < 1 || warmup < 0 || rounds < 1) {
                throw new IllegalArgumentException("threads, iterations and rounds must be >= 1, warmup >= 0");
            }
            ort = ort.withIntraOpThreads(threads);
        }
    }

    /** One graph's figures; torch is empty when the baseline was unavailable or failed (see torchNote). */
    public record Row(Graph graph, String shapes, SessionBenchmark.Measurement ort, Optional<TorchBaseline.Result> torch, String torchNote) {
        public Optional<Double> gflop() {
            return torch.map(TorchBaseline.Result::gflop).filter(g -> g > 0);
        }

        /** Torch p50 / ORT p50: how many times faster ONNX Runtime is than eager PyTorch. */
        public Optional<Double> speedupOverTorch() {
            return torch.map(t -> t.latency().p50Ms() / ort.latency().p50Ms());
        }
    }

    public record Report(String runtime, Plan plan, List<GemmCeiling.Rate> ceilings, List<Row> rows) {
    }

    private RuntimeBenchmark() {
    }

    public static Report run(Plan plan) {
        List<GemmCeiling.Rate> ceilings = new ArrayList<>();
        for (int t : new TreeSet<>(List.of(1, 2, plan.threads()))) {
            ceilings.add(GemmCeiling.measure(t, plan.gemmSize(), Math.max(10, plan.iterations())));
        }
        OnnxRuntimeBackend ort = new OnnxRuntimeBackend(plan.ort());
        List<InferenceSession> sessions = new ArrayList<>();
        try {
            List<Map<String, Tensor>> inputs = new ArrayList<>();
            for (Graph g : plan.graphs()) {
                InferenceSession session = ort.open(g.path());
                sessions.add(session);
                inputs.add(BenchInputs.create(g.path().getFileName().toString(), session.inputs(), plan.dims()));
            }
            List<SessionBenchmark.Measurement> measured = SessionBenchmark.measureInterleaved(sessions, inputs, plan.warmup(),
                plan.iterations(), plan.rounds());
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < plan.graphs().size(); k++) {
                rows.add(withTorch(plan, plan.graphs().get(k), inputs.get(k), measured.get(k)));
            }
            return new Report(ort.id(), plan, ceilings, rows);
        } finally {
            sessions.forEach(InferenceSession::close);
        }
    }

    private static Row withTorch(Plan plan, Graph g, Map<String, Tensor> inputs, SessionBenchmark.Measurement m) {
        Optional<TorchBaseline.Result> torch = Optional.empty();
        String note;
        if (plan.torch().isEmpty()) {
            note = "torch baseline off";
        } else if (plan.torch().get().unavailableReason().isPresent()) {
            note = "torch unavailable: " + plan.torch().get().unavailableReason().get();
        } else {
            try {
                torch = Optional.of(plan.torch().get().run(g.path(), inputs, plan.threads(), plan.warmup(), plan.iterations()));
                note = "";
            } catch (RuntimeException e) {
                note = e.getMessage();
            }
        }
        return new Row(g, shapes(inputs), m, torch, note);
    }

    private static String shapes(Map<String, Tensor> inputs) {
        StringBuilder sb = new StringBuilder();
        inputs.forEach((name, t) -> sb.append(sb.length() == 0 ? "" : " ").append(name).append(":").append(t));
        return sb.toString();
    }
}
