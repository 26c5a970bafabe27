package io.sightline.runtime.tensorrt;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.TensorSpec;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A graph's inputs and outputs with their symbolic dimension names. TensorRT's network keeps only -1
 * for a dynamic dimension, so the names that {@link ShapePlan} needs are read from the ONNX file through
 * ONNX Runtime (unoptimised: only the metadata is wanted). Both backends thus report the same specs.
 */
record GraphSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
    static GraphSignature read(Path graph) {
        OnnxRuntimeBackend reader = new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults()
            .withOptimization(OnnxRuntimeOptions.Optimization.DISABLED).withIntraOpThreads(1));
        try (InferenceSession s = reader.open(graph)) {
            return new GraphSignature(s.inputs(), s.outputs());
        }
    }
}
