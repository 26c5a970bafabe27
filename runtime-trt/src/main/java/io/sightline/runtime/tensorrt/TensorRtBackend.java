package io.sightline.runtime.tensorrt;

import io.sightline.runtime.GraphLoadException;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT through the JavaCPP presets. Opening a graph hashes it, looks for a cached engine for
 * (graph, TensorRT version, compute capability, precision, shape ranges), builds and caches one on a
 * miss, and runs it on the GPU. Construct only after {@link TensorRtProbe} said TensorRT is available
 * ({@link io.sightline.runtime.select.BackendSelector} does this).
 */
public final class TensorRtBackend implements InferenceBackend {
    public static final String NAME = "tensorrt";
    private static final Logger log = LoggerFactory.getLogger(TensorRtBackend.class);

    private final TensorRtOptions options;
    private final TensorRtAvailability runtime;
    private final EngineCache cache;

    public TensorRtBackend(TensorRtOptions options, TensorRtAvailability runtime) {
        if (!runtime.available()) {
            throw new IllegalStateException(runtime.toString());
        }
        this.options = options;
        this.runtime = runtime;
        this.cache = new EngineCache(options.engineCache());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String id() {
        return NAME + " " + runtime.tensorRtVersion() + " (" + runtime.device() + ", sm" + runtime.computeCapability()
            + ", " + options.precision().key() + ")";
    }

    @Override
    public InferenceSession open(Path graph) {
        if (!Files.isRegularFile(graph)) {
            throw new GraphLoadException(graph, "no such graph file", null);
        }
        GraphSignature signature = GraphSignature.read(graph);
        ShapePlan plan = ShapePlan.of(graph.getFileName().toString(), signature.inputs(), options.dimensionRanges());
        EngineCacheKey key = new EngineCacheKey(EngineCacheKey.sha256(graph), runtime.tensorRtVersion(),
            runtime.computeCapability(), options.precision(), plan.describe());
        Slf4jTensorRtLogger logger = new Slf4jTensorRtLogger();
        byte[] engine;
        EngineCache.Lookup lookup = cache.find(key);
        if (lookup instanceof EngineCache.Hit hit) {
            log.info("{}: using cached engine {}", graph.getFileName(), hit.file());
            engine = hit.engine();
        } else {
            log.info("{}: building a TensorRT engine ({}; {})", graph.getFileName(), options.precision().key(), ((EngineCache.Miss) lookup).reason());
            engine = new TensorRtEngineBuilder(logger, options).build(graph, plan);
            cache.store(key, engine);
        }
        return new TensorRtSession(graph.getFileName().toString(), logger, engine, signature, plan);
    }
}
