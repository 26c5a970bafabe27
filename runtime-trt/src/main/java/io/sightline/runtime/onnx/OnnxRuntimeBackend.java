package io.sightline.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.sightline.runtime.GraphLoadException;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ONNX Runtime on the CPU (the natives for x86_64 and aarch64 ship in the jar). Runs FP32 and INT8 QDQ graphs. */
public final class OnnxRuntimeBackend implements InferenceBackend {
    public static final String NAME = "onnxruntime";

    /** Graphs above this size (public multi-GB exports) load as they are: parsing them here would double their memory. */
    private static final long MAX_REWRITE_BYTES = 256L << 20;
    private static final Logger log = LoggerFactory.getLogger(OnnxRuntimeBackend.class);

    private final OnnxRuntimeOptions options;
    private final OrtEnvironment env;

    public OnnxRuntimeBackend(OnnxRuntimeOptions options) {
        this.options = options;
        this.env = OrtEnvironment.getEnvironment();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String id() {
        String threads = options.intraOpThreads() == 0 ? "default" : String.valueOf(options.intraOpThreads());
        return NAME + " " + env.getVersion() + " (CPU, intra-op threads " + threads + ", optimisation " + options.optimization() + (options.spinWait() ? ", spin-wait" : "")
            + (options.decomposeLayerNorm() ? "" : ", native LayerNorm") + ")";
    }

    public OnnxRuntimeOptions options() {
        return options;
    }

    @Override
    public InferenceSession open(Path graph) {
        if (!Files.isRegularFile(graph)) {
            throw new GraphLoadException(graph, "no such graph file", null);
        }
        try (SessionOptions so = sessionOptions()) {
            Optional<byte[]> rewritten = options.decomposeLayerNorm() ? decomposed(graph) : Optional.empty();
            OrtSession session = rewritten.isPresent() ? env.createSession(rewritten.get(), so) : env.createSession(graph.toString(), so);
            try {
                return new OnnxRuntimeSession(env, session, graph.getFileName().toString());
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new GraphLoadException(graph, "ONNX Runtime could not load the graph: " + e.getMessage(), e);
        }
    }

    /** The graph with LayerNormalization decomposed, when it has any this may rewrite (see {@link LayerNormDecomposition}). */
    private static Optional<byte[]> decomposed(Path graph) {
        try {
            if (Files.size(graph) > MAX_REWRITE_BYTES) {
                return Optional.empty();
            }
            byte[] original = Files.readAllBytes(graph);
            byte[] rewritten = LayerNormDecomposition.apply(original);
            if (rewritten == original) {
                return Optional.empty(); // nothing to rewrite, or not parseable: ONNX Runtime loads the file itself
            }
            log.debug("{}: LayerNormalization decomposed for the CPU provider", graph.getFileName());
            return Optional.of(rewritten);
        } catch (IOException e) {
            log.debug("{}: not rewritten ({})", graph.getFileName(), e.getMessage());
            return Optional.empty(); // unreadable: ONNX Runtime's own loader reports the real error
        }
    }

    private SessionOptions sessionOptions() throws OrtException {
        SessionOptions so = new SessionOptions();
        so.setOptimizationLevel(switch (options.optimization()) {
            case DISABLED -> OptLevel.NO_OPT;
            case BASIC -> OptLevel.BASIC_OPT;
            case EXTENDED -> OptLevel.EXTENDED_OPT;
            case ALL -> OptLevel.ALL_OPT;
        });
        so.setExecutionMode(options.executionMode() == OnnxRuntimeOptions.ExecutionMode.PARALLEL
            ? SessionOptions.ExecutionMode.PARALLEL : SessionOptions.ExecutionMode.SEQUENTIAL);
        if (options.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(options.intraOpThreads());
        }
        if (options.interOpThreads() > 0) {
            so.setInterOpNumThreads(options.interOpThreads());
        }
        if (!options.spinWait()) {
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        for (Map.Entry<String, Long> d : options.fixedDimensions().entrySet()) {
            so.setSymbolicDimensionValue(d.getKey(), d.getValue());
        }
        return so;
    }
}
