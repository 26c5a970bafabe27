package io.sightline.runtime.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * ONNX Runtime session settings, from configuration.
 *
 * @param optimization   graph optimisation level (ORT "ORT_ENABLE_*")
 * @param intraOpThreads threads inside one operator; 0 lets ORT pick (one per physical core)
 * @param interOpThreads threads across independent operators (PARALLEL mode only); 0 lets ORT pick
 * @param executionMode  SEQUENTIAL (our graphs are chains) or PARALLEL
 * @param spinWait       intra-op worker threads spin between operators (ORT's own default); false (ours) makes them
 *                       sleep ({@code session.intra_op.allow_spinning = 0}), which leaves the cores to the process's
 *                       other threads (frame decoding, tracking, the decoder). Measured on the 2-core machine with the
 *                       shipped pack at 2 threads, spinning -> sleeping, two runs: full pipeline 50.5 -> 75.8 and
 *                       56.0 -> 71.3 fps, 7-token grounding answer 14.9 -> 7.2 and 8.6 -> 7.2 ms; the encoder alone
 *                       is the one that can gain from spinning (98.7 -> 110.9 and 137.5 -> 105.0 fps: noisy)
 *                       ({@code sightline bench pipeline [--spin-wait]})
 * @param decomposeLayerNorm open graphs with their LayerNormalization nodes rewritten into primitive ops
 *                       ({@link LayerNormDecomposition}: ORT 1.29's CPU kernel is ~4.7x slower than the same arithmetic
 *                       as primitives on our encoder's shapes); the graph file is not changed
 * @param fixedDimensions symbolic dimension name -> value, fixed when a session is opened (ORT's
 *                       {@code SessionOptions.setSymbolicDimensionValue}); the session then accepts only that size, and
 *                       ORT folds the shape arithmetic that depends on it into constants. Empty (the default): every
 *                       dynamic dimension stays dynamic
 */
public record OnnxRuntimeOptions(Optimization optimization, int intraOpThreads, int interOpThreads, ExecutionMode executionMode,
                                 boolean spinWait, boolean decomposeLayerNorm, Map<String, Long> fixedDimensions) {
    public enum Optimization { DISABLED, BASIC, EXTENDED, ALL }

    public enum ExecutionMode { SEQUENTIAL, PARALLEL }

    public OnnxRuntimeOptions {
        if (optimization == null || executionMode == null) {
            throw new IllegalArgumentException("onnxruntime options: optimization and executionMode are required");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("onnxruntime options: intraOpThreads must be >= 0, got " + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("onnxruntime options: interOpThreads must be >= 0, got " + interOpThreads);
        }
        fixedDimensions = Collections.unmodifiableMap(new TreeMap<>(fixedDimensions == null ? Map.of() : fixedDimensions));
        fixedDimensions.forEach((name, value) -> {
            if (name.isBlank() || value == null || value < 1) {
                throw new IllegalArgumentException("onnxruntime options: fixed dimension '" + name + "' = " + value
                    + ", expected a symbolic name and a size >= 1");
            }
        });
    }

    public static OnnxRuntimeOptions defaults() {
        return new OnnxRuntimeOptions(Optimization.ALL, 0, 0, ExecutionMode.SEQUENTIAL, false, true, Map.of());
    }

    public OnnxRuntimeOptions withIntraOpThreads(int threads) {
        return new OnnxRuntimeOptions(optimization, threads, interOpThreads, executionMode, spinWait, decomposeLayerNorm, fixedDimensions);
    }

    public OnnxRuntimeOptions withOptimization(Optimization level) {
        return new OnnxRuntimeOptions(level, intraOpThreads, interOpThreads, executionMode, spinWait, decomposeLayerNorm, fixedDimensions);
    }

    public OnnxRuntimeOptions withSpinWait(boolean spin) {
        return new OnnxRuntimeOptions(optimization, intraOpThreads, interOpThreads, executionMode, spin, decomposeLayerNorm, fixedDimensions);
    }

    /** These options with {@code dims} fixed (replacing any fixed before). */
    public OnnxRuntimeOptions withFixedDimensions(Map<String, Long> dims) {
        return new OnnxRuntimeOptions(optimization, intraOpThreads, interOpThreads, executionMode, spinWait, decomposeLayerNorm, dims);
    }

    public OnnxRuntimeOptions withDecomposeLayerNorm(boolean decompose) {
        return new OnnxRuntimeOptions(optimization, intraOpThreads, interOpThreads, executionMode, spinWait, decompose, fixedDimensions);
    }
}
