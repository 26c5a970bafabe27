package io.sightline.scenes.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.Box2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hand-written referring expressions over a labelled image set ({@code test-scenes/real/expressions.jsonl}):
 * one JSON object per line with {@code image} (as in {@code labels.jsonl}), {@code expression}, {@code kind}
 * ({@link RealExpressionKind}), {@code target} ({@code [x1, y1, x2, y2]} in source pixels, or null for NO_TARGET),
 * {@code split} and an optional {@code note}; other fields ({@code label}) are not read here.
 */
public record RealExpressionSet(Path file, List<RealExpression> expressions) {
    public static final String EXPRESSIONS = "expressions.jsonl";

    public RealExpressionSet {
        expressions = List.copyOf(expressions);
    }

    /** True for a folder that holds an {@code expressions.jsonl}. */
    public static boolean hasExpressions(Path dir) {
        return Files.isRegularFile(dir.resolve(EXPRESSIONS));
    }

    /** Reads {@code dir/expressions.jsonl}; a malformed line fails with the file, the line number and the problem. */
    public static RealExpressionSet read(Path dir) {
        Path file = dir.resolve(EXPRESSIONS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ObjectMapper json = new ObjectMapper();
        List<RealExpression> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                expressions.add(expression(json.readTree(lines.get(i)), i + 1));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RealExpressionSet(file, expressions);
    }

    /** The expressions a split selects, in file order. */
    public List<RealExpression> select(ImageSplit split) {
        return expressions.stream().filter(e -> split.includes(e.split())).toList();
    }

    private static RealExpression expression(JsonNode row, int line) {
        JsonNode t = row.get("target");
        if (t == null) {
            throw new IllegalArgumentException("missing field 'target' (null for NO_TARGET)");
        }
        Optional<Box2D> target = Optional.empty();
        if (!t.isNull()) {
            if (!t.isArray() || t.size() != 4 || !allNumbers(t)) {
                throw new IllegalArgumentException("target " + t + " is not [x1, y1, x2, y2] or null");
            }
            target = Optional.of(new Box2D(t.get(0).asDouble(), t.get(1).asDouble(), t.get(2).asDouble(), t.get(3).asDouble()));
        }
        return new RealExpression(text(row, "image"), text(row, "expression"), RealExpressionKind.parse(text(row, "kind")),
            target, ImageSplit.parse(text(row, "split")), row.path("note").asText(""), line);
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return v.asText();
    }
}
