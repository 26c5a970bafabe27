package io.sightline.runtime;

import java.nio.file.Path;

/** An inference engine that opens ONNX graphs into sessions. The same graph gives the same outputs on any backend. */
public interface InferenceBackend {
    /** Short name used in configuration: {@code onnxruntime} or {@code tensorrt}. */
    String name();

    /** What runs, for status and logs, e.g. {@code onnxruntime 1.29.0 (CPU, 2 intra-op threads)}. */
    String id();

    /** Opens a graph; the caller owns and closes the session. */
    InferenceSession open(Path graph);
}
