package io.sightline.runtime;

import java.util.List;
import java.util.Map;

/**
 * An opened graph. Not thread-safe: one caller at a time (the pipeline owns one session per stage).
 *
 * <p>{@link #run} returns output tensors the session owns and reuses: they are valid until the next
 * {@code run} or {@code close}. Copy what must outlive that. Input tensors stay owned by the caller and
 * should be reused across calls; backends keep their native wrappers while the shape does not change.
 */
public interface InferenceSession extends AutoCloseable {
    List<TensorSpec> inputs();

    List<TensorSpec> outputs();

    /**
     * Runs the graph.
     *
     * @throws InputMismatchException when an input is missing, unknown, or of the wrong type, rank or shape
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs);

    @Override
    void close();
}
