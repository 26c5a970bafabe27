package io.sightline.scenes.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.Box2D;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the replay results files of docs/results-format.md (written by
 * {@code io.sightline.perception.pipeline.ResultsJsonlWriter}). Lines of live sources (frame -1) are
 * skipped; every other problem throws {@link ResultsFormatException} naming file, line and field.
 */
public final class ResultsJsonlReader {
    private final ObjectMapper mapper = new ObjectMapper();

    public ResultsRun read(List<Path> files) {
        List<FramePrediction> frames = new ArrayList<>();
        List<GroundingPrediction> groundings = new ArrayList<>();
        List<TrackRelation> relations = new ArrayList<>();
        boolean relationsReported = false;
        int lines = 0;
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String text;
                int number = 0;
                while ((text = in.readLine()) != null) {
                    number++;
                    if (text.isBlank()) {
                        continue;
                    }
                    lines++;
                    Line line = new Line(file, number);
                    JsonNode node;
                    try {
                        node = mapper.readTree(text);
                    } catch (JsonProcessingException e) {
                        throw line.error("malformed JSON: " + e.getOriginalMessage());
                    }
                    if (node == null || !node.isObject()) {
                        throw line.error("not a JSON object");
                    }
                    String scene = line.text(node, "scene");
                    int frame = (int) line.integer(node, "frame");
                    if (frame < 0) {
                        continue;
                    }
                    frames.add(new FramePrediction(scene, frame, detections(line, node), timings(line, node)));
                    if (node.has("relations")) {
                        relationsReported = true;
                        for (JsonNode r : line.array(node, "relations")) {
                            relations.add(new TrackRelation(scene, frame, line.integer(r, "subject"),
                                line.relation(r, "predicate"), line.integer(r, "object")));
                        }
                    }
                    if (node.has("groundings")) {
                        for (JsonNode g : line.array(node, "groundings")) {
                            String status = line.text(g, "status");
                            GroundingStatus parsed;
                            try {
                                parsed = GroundingStatus.parse(status);
                            } catch (IllegalArgumentException e) {
                                throw line.error("groundings[].status: " + e.getMessage());
                            }
                            groundings.add(new GroundingPrediction(scene, frame, line.text(g, "expression"), parsed,
                                g.has("box") ? Optional.of(line.box(g, "box")) : Optional.empty()));
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                throw new ResultsFormatException(file, 0, "missing results file");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read results " + file, e);
            }
        }
        return new ResultsRun(frames, groundings, relations, relationsReported, lines);
    }

    private static List<PredictedBox> detections(Line line, JsonNode node) {
        List<PredictedBox> out = new ArrayList<>();
        for (JsonNode d : line.array(node, "detections")) {
            double score = line.number(d, "score");
            if (!(score >= 0 && score <= 1)) {
                throw line.error("detections[].score: " + score + " is not in [0, 1]");
            }
            Optional<Vec3> position = Optional.empty();
            if (d.has("position")) {
                double[] p = line.numbers(d, "position", 3);
                position = Optional.of(new Vec3(p[0], p[1], p[2]));
            }
            out.add(new PredictedBox(line.text(d, "shape"), d.has("colour") ? line.text(d, "colour") : "", score,
                line.box(d, "box"), position, d.has("track_id") ? OptionalLong.of(line.integer(d, "track_id")) : OptionalLong.empty()));
        }
        return out;
    }

    private static Map<String, Double> timings(Line line, JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!node.has("timings_ms")) {
            return out;
        }
        JsonNode t = node.get("timings_ms");
        if (!t.isObject()) {
            throw line.error("timings_ms: not an object");
        }
        t.fieldNames().forEachRemaining(name -> out.put(name, line.number(t, name)));
        return out;
    }

    /** Field access that names the file, line and field of anything wrong. */
    private record Line(Path file, int number) {
        ResultsFormatException error(String message) {
            return new ResultsFormatException(file, number, message);
        }

        JsonNode field(JsonNode n, String name) {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) {
                throw error(name + ": missing");
            }
            return v;
        }

        String text(JsonNode n, String name) {
            JsonNode v = field(n, name);
            if (!v.isTextual()) {
                throw error(name + ": expected a string, got " + v);
            }
            return v.asText();
        }

        long integer(JsonNode n, String name) {
            JsonNode v = field(n, name);
            if (!v.isIntegralNumber()) {
                throw error(name + ": expected an integer, got " + v);
            }
            return v.asLong();
        }

        double number(JsonNode n, String name) {
            JsonNode v = field(n, name);
            if (!v.isNumber()) {
                throw error(name + ": expected a number, got " + v);
            }
            return v.asDouble();
        }

        JsonNode array(JsonNode n, String name) {
            JsonNode v = field(n, name);
            if (!v.isArray()) {
                throw error(name + ": expected an array, got " + v);
            }
            return v;
        }

        double[] numbers(JsonNode n, String name, int count) {
            JsonNode v = array(n, name);
            if (v.size() != count) {
                throw error(name + ": expected " + count + " numbers, got " + v);
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                if (!v.get(i).isNumber()) {
                    throw error(name + ": expected " + count + " numbers, got " + v);
                }
                out[i] = v.get(i).asDouble();
            }
            return out;
        }

        Box2D box(JsonNode n, String name) {
            double[] b = numbers(n, name, 4);
            try {
                return new Box2D(b[0], b[1], b[2], b[3]);
            } catch (IllegalArgumentException e) {
                throw error(name + ": " + e.getMessage());
            }
        }

        Predicate relation(JsonNode n, String name) {
            String s = text(n, name);
            try {
                return Predicate.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw error(name + ": '" + s + "' is not one of LEFT_OF, RIGHT_OF, IN_FRONT_OF, BEHIND, NEAR");
            }
        }
    }
}
