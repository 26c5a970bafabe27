package io.sightline.scenes.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.eval.LabelledBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of photos labelled by hand ({@code test-scenes/real/}): {@code labels.jsonl}, one line per image with
 * {@code image} (relative to the folder), {@code width}, {@code height}, {@code split} ({@code val} | {@code test})
 * and {@code objects} {@code [{"label", "box": [x1, y1, x2, y2], "crowd"}]} in the image's pixels; other fields
 * (source, licence) are not read here.
 */
public record LabelledImageSet(Path dir, List<LabelledImage> images) {
    public static final String LABELS = "labels.jsonl";

    public LabelledImageSet {
        images = List.copyOf(images);
    }

    /** True for a folder that holds a {@code labels.jsonl}. */
    public static boolean isImageSet(Path dir) {
        return Files.isRegularFile(dir.resolve(LABELS));
    }

    /** Reads {@code dir/labels.jsonl}; a malformed line fails with the file, the line number and the problem. */
    public static LabelledImageSet read(Path dir) {
        Path file = dir.resolve(LABELS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ObjectMapper json = new ObjectMapper();
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                images.add(image(dir, json.readTree(lines.get(i))));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new LabelledImageSet(dir, images);
    }

    /** The images a split selects, in file order. */
    public List<LabelledImage> select(ImageSplit split) {
        return images.stream().filter(i -> split.includes(i.split())).toList();
    }

    private static LabelledImage image(Path dir, JsonNode row) {
        String name = required(row, "image").asText();
        List<LabelledBox> objects = new ArrayList<>();
        for (JsonNode o : required(row, "objects")) {
            JsonNode b = required(o, "box");
            if (!b.isArray() || b.size() != 4) {
                throw new IllegalArgumentException("box of " + o + " is not [x1, y1, x2, y2]");
            }
            objects.add(new LabelledBox(required(o, "label").asText(),
                new Box2D(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()),
                o.path("crowd").asBoolean(false)));
        }
        return new LabelledImage(name, dir.resolve(name), required(row, "width").asInt(), required(row, "height").asInt(),
            ImageSplit.parse(required(row, "split").asText()), objects);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }
}
