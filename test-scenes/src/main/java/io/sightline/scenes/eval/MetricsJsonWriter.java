package io.sightline.scenes.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@link MetricKeys#flatten} as one JSON object (the {@code --json FILE} of {@code sightline eval}). */
public final class MetricsJsonWriter {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson(EvaluationResult result) {
        return toJson(MetricKeys.flatten(result));
    }

    public String toJson(Map<String, Object> metrics) {
        try {
            return mapper.writeValueAsString(metrics) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise metrics", e);
        }
    }

    public void write(EvaluationResult result, Path file) {
        write(MetricKeys.flatten(result), file);
    }

    /** Any flat metrics map (e.g. {@link ImageSetResult#metrics}) as one JSON object. */
    public void write(Map<String, Object> metrics, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to " + file, e);
        }
    }

    /** Reads a metrics file back (for tests and for scripts written in Java). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> read(Path file) {
        try {
            return mapper.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics from " + file, e);
        }
    }
}
