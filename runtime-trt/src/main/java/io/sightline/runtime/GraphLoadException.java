package io.sightline.runtime;

import java.nio.file.Path;

/** A graph file that is missing, unreadable, or does not parse. */
public final class GraphLoadException extends InferenceException {
    private final Path graph;

    public GraphLoadException(Path graph, String reason, Throwable cause) {
        super(graph + ": " + reason, cause);
        this.graph = graph;
    }

    public Path graph() {
        return graph;
    }
}
