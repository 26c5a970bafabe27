package io.sightline.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.perception.scene.Box2D;
import io.sightline.scenes.eval.LabelledBox;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder of hand-labelled photos ({@code test-scenes/real/}: {@code labels.jsonl}, one line per image with
 * {@code image}, {@code split} val|test and {@code objects} [{label, box [x1, y1, x2, y2] in pixels, crowd}]).
 * Calibration and the INT8 guard read the validation split only; the test split stays held out for eval.
 * Crowd regions are left out of the ground truth ({@code CocoDetectionEvaluator} has none): a detection on one
 * counts as a false positive for FP32 and INT8 alike.
 */
public record LabelledImageSet(Path dir, List<LabelledImage> images) {
    public static final String LABELS = "labels.jsonl";

    public enum Split { VAL, TEST }

    /** One photo: its file, split and non-crowd boxes. */
    public record LabelledImage(Path file, Split split, List<LabelledBox> objects) {
        public LabelledImage {
            objects = List.copyOf(objects);
        }
    }

    public LabelledImageSet {
        images = List.copyOf(images);
    }

    /** True when {@code dir} is a labelled set (has {@value #LABELS}) rather than a scene or folder of scenes. */
    public static boolean isLabelledSet(Path dir) {
        return Files.isRegularFile(dir.resolve(LABELS));
    }

    public static LabelledImageSet read(Path dir) {
        Path labels = dir.resolve(LABELS);
        ObjectMapper json = new ObjectMapper();
        List<LabelledImage> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(image(dir, json.readTree(line), labels, lineNo));
            }
        } catch (IOException e) {
            throw new Int8CalibrationException("cannot read " + labels + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new Int8CalibrationException(labels + " lists no images");
        }
        return new LabelledImageSet(dir, out);
    }

    /** The images of one split, in file order. */
    public List<LabelledImage> split(Split split) {
        return images.stream().filter(i -> i.split() == split).toList();
    }

    private static LabelledImage image(Path dir, JsonNode n, Path labels, int lineNo) {
        String where = labels + " line " + lineNo;
        if (!n.path("image").isTextual() || !n.path("split").isTextual() || !n.path("objects").isArray()) {
            throw new Int8CalibrationException(where + ": needs image, split and objects");
        }
        Split split;
        try {
            split = Split.valueOf(n.get("split").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Int8CalibrationException(where + ": split must be val or test, got '" + n.get("split").asText() + "'");
        }
        List<LabelledBox> boxes = new ArrayList<>();
        for (JsonNode o : n.get("objects")) {
            JsonNode b = o.path("box");
            if (!o.path("label").isTextual() || !b.isArray() || b.size() != 4) {
                throw new Int8CalibrationException(where + ": an object needs a label and a box [x1, y1, x2, y2]");
            }
            if (!o.path("crowd").asBoolean(false)) {
                boxes.add(new LabelledBox(o.get("label").asText(),
                    new Box2D(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
            }
        }
        Path file = dir.resolve(n.get("image").asText()).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new Int8CalibrationException(where + ": image points outside " + dir);
        }
        return new LabelledImage(file, split, boxes);
    }
}
