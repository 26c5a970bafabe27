package io.sightline.runtime;

/** A failure to load or run a graph; the message names the graph, tensor or value that was wrong. */
public class InferenceException extends RuntimeException {
    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
