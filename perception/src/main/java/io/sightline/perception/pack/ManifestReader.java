package io.sightline.perception.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.runtime.ElementType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses {@code manifest.json}; every error names the field path and the value that was wrong. */
final class ManifestReader {
    private static final String FILE = ModelPack.MANIFEST;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestReader() {
    }

    static PackManifest read(Path manifest) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(manifest));
        } catch (NoSuchFileException e) {
            throw new PackException(FILE, "missing in " + manifest.getParent() + " (not a model pack?)");
        } catch (JsonProcessingException e) {
            throw new PackException(FILE, "not valid JSON: " + e.getOriginalMessage() + " at line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new PackException(FILE, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PackException(FILE, "must hold a JSON object");
        }
        return parse(root);
    }

    static PackManifest parse(JsonNode root) {
        JsonNode image = object(root, "image");
        ImageSpec imageSpec = new ImageSpec(integer(image, "image.width"), integer(image, "image.height"),
            !"BGR".equalsIgnoreCase(optionalText(image, "colour_order").orElse("RGB")),
            number(image, "image.scale"), floats3(image, "image.mean"), floats3(image, "image.std"),
            ImageSpec.Resize.fromManifest(optionalText(image, "resize").orElse(null)));
        JsonNode labels = object(root, "labels");
        boolean coloured = labels.has("shapes") || labels.has("colours");
        List<String> shapes = coloured ? strings(labels, "labels.shapes") : strings(labels, "labels.all");
        List<String> colours = coloured ? strings(labels, "labels.colours") : List.of();
        Map<String, PackGraph> graphs = new LinkedHashMap<>();
        JsonNode graphsNode = object(root, "graphs");
        for (Iterator<Map.Entry<String, JsonNode>> it = graphsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            graphs.put(e.getKey(), graph(e.getValue(), "graphs." + e.getKey()));
        }
        Optional<LanguageSpec> language = language(root, graphs);
        Optional<HeadSpec> head = head(root);
        String imageRole = head.filter(GflHeadSpec.class::isInstance).map(h -> ((GflHeadSpec) h).graph())
            .orElse(PackManifest.VISION_ENCODER);
        if (!graphs.containsKey(imageRole)) {
            throw new PackException(FILE, "graphs." + imageRole + " missing (the graph that runs the image); has "
                + graphs.keySet());
        }
        for (String name : head.map(HeadSpec::publishThresholdPerClass).orElse(Map.of()).keySet()) {
            if (!shapes.contains(name)) {
                throw new PackException(FILE, "dense_head.publish_threshold_per_class." + name + ": '" + name
                    + "' is not one of the pack's shapes " + shapes);
            }
        }
        if (language.isEmpty() && head.isEmpty()) {
            throw new PackException(FILE, "the pack has neither a language decoder (tokenizer, graphs.decoder) nor a"
                + " detection head (head or dense_head): nothing to run");
        }
        Map<String, PackFile> files = new LinkedHashMap<>();
        JsonNode filesNode = object(root, "files");
        for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "files." + e.getKey();
            String sha = text(e.getValue(), field + ".sha256");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new PackException(FILE, field + ".sha256 must be 64 lower-case hex digits, got '" + sha + "'");
            }
            files.put(e.getKey(), new PackFile(e.getKey(), sha, e.getValue().path("bytes").asLong(-1)));
        }
        return new PackManifest(text(root, "name"), text(root, "version"), strings(root, "tasks"), imageSpec,
            shapes, colours, language, head, graphs, files);
    }

    /**
     * The language decoder's sections, present when the manifest names a {@code tokenizer} or a {@code decoder}
     * graph; then all of them are required (a half-described decoder is an error, not a detection-only pack).
     */
    private static Optional<LanguageSpec> language(JsonNode root, Map<String, PackGraph> graphs) {
        if (!root.has("tokenizer") && !graphs.containsKey(PackManifest.DECODER)) {
            return Optional.empty();
        }
        for (String role : List.of(PackManifest.VISION_ENCODER, PackManifest.EMBED_TOKENS, PackManifest.DECODER)) {
            if (!graphs.containsKey(role)) {
                throw new PackException(FILE, "graphs." + role + " missing; has " + graphs.keySet());
            }
        }
        JsonNode loc = object(root, "loc");
        JsonNode decoder = object(root, "decoder");
        Map<String, Integer> special = new LinkedHashMap<>();
        JsonNode specials = object(root, "special_tokens");
        for (Iterator<Map.Entry<String, JsonNode>> it = specials.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            special.put(e.getKey(), integer(specials, "special_tokens." + e.getKey()));
        }
        Map<String, Integer> maxNew = new LinkedHashMap<>();
        JsonNode prompt = root.path("prompt").path("max_new_tokens");
        for (Iterator<Map.Entry<String, JsonNode>> it = prompt.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            maxNew.put(e.getKey(), integer(prompt, "prompt.max_new_tokens." + e.getKey()));
        }
        return Optional.of(new LanguageSpec(grammar(root),
            new LocSpec(integer(loc, "loc.bins"), integer(loc, "loc.first_token_id")),
            integer(root, "image_token_id"), integer(root, "image_tokens"), special, integer(root, "vocab_size"),
            new DecoderGeometry(integer(decoder, "decoder.layers"), integer(decoder, "decoder.hidden_size"),
                integer(decoder, "decoder.kv_heads"), integer(decoder, "decoder.head_dim")),
            text(root, "tokenizer"), maxNew, noneThresholds(root)));
    }

    /**
     * {@code head.kind} picks the head: {@code gfl} reads {@code head} itself; {@code dense-vit} (also when there is
     * no {@code head} section, as in packs written before it) reads {@code dense_head}; neither = no head.
     */
    private static Optional<HeadSpec> head(JsonNode root) {
        JsonNode head = root.get("head");
        if (head == null || head.isNull()) {
            return denseHead(root).map(HeadSpec.class::cast);
        }
        if (!head.isObject()) {
            throw new PackException(FILE, "head must be an object, got " + head);
        }
        String kind = text(head, "head.kind");
        if (kind.equals(HeadSpec.Kind.GFL.key())) {
            return Optional.of(gflHead(head));
        }
        if (kind.equals(HeadSpec.Kind.DENSE_VIT.key())) {
            return Optional.of(denseHead(root).orElseThrow(() ->
                new PackException(FILE, "head.kind dense-vit needs the dense_head section")));
        }
        throw new PackException(FILE, "head.kind '" + kind + "' is unknown; supported: "
            + java.util.Arrays.stream(HeadSpec.Kind.values()).map(HeadSpec.Kind::key).toList());
    }

    private static GflHeadSpec gflHead(JsonNode head) {
        String order = optionalText(head, "side_order").orElse("left top right bottom");
        if (!order.trim().replaceAll("\\s+", " ").equals("left top right bottom")) {
            throw new PackException(FILE, "head.side_order '" + order + "' is not supported; the gfl decoder reads"
                + " 'left top right bottom'");
        }
        JsonNode levelsNode = head.get("levels");
        if (levelsNode == null || !levelsNode.isArray() || levelsNode.isEmpty()) {
            throw new PackException(FILE, "head.levels must be a non-empty list of levels, got " + levelsNode);
        }
        List<GflHeadSpec.Level> levels = new ArrayList<>();
        for (int i = 0; i < levelsNode.size(); i++) {
            JsonNode l = levelsNode.get(i);
            String f = "head.levels[" + i + "]";
            levels.add(new GflHeadSpec.Level(integer(l, f + ".stride"), integer(l, f + ".rows"), integer(l, f + ".cols"),
                text(l, f + ".scores"), text(l, f + ".distances")));
        }
        JsonNode publish = head.get("publish_threshold");
        java.util.OptionalDouble publishThreshold = publish == null || publish.isNull() ? java.util.OptionalDouble.empty()
            : java.util.OptionalDouble.of(unit(head, "head.publish_threshold"));
        double offset = head.has("centre_offset") ? number(head, "head.centre_offset") : 0.5;
        int maxDetections = integer(head, "head.max_detections");
        if (maxDetections <= 0) {
            throw new PackException(FILE, "head.max_detections must be positive, got " + maxDetections);
        }
        double nmsIou = unit(head, "head.nms_iou");
        if (nmsIou == 0) {
            throw new PackException(FILE, "head.nms_iou must be in (0,1], got 0");
        }
        String nms = optionalText(head, "nms").orElse("class-wise");
        if (!nms.equals("class-wise")) {
            throw new PackException(FILE, "head.nms '" + nms + "' is not supported; the gfl decoder runs class-wise NMS");
        }
        try {
            return new GflHeadSpec(text(head, "head.graph"), integer(head, "head.reg_max"), offset, levels,
                unit(head, "head.score_threshold"), publishThreshold, nmsIou, maxDetections);
        } catch (IllegalArgumentException e) {
            throw new PackException(FILE, e.getMessage(), e);
        }
    }

    /** A number in [0, 1]. */
    private static double unit(JsonNode parent, String field) {
        double v = number(parent, field);
        if (!(v >= 0 && v <= 1)) {
            throw new PackException(FILE, field + " must be in [0,1], got " + v);
        }
        return v;
    }

    /**
     * {@code prompt.none_threshold}: optional (packs before it use {@link PackManifest#DEFAULT_NONE_THRESHOLD}), an
     * object of task -> number strictly between 0 and 1 (0 would never answer a box, 1 never {@code none}).
     */
    private static Map<String, Double> noneThresholds(JsonNode root) {
        JsonNode node = root.path("prompt").get("none_threshold");
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new PackException(FILE, "prompt.none_threshold must be an object of task -> threshold, got " + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "prompt.none_threshold." + e.getKey();
            if (!List.of("ground", "detect").contains(e.getKey())) {
                throw new PackException(FILE, field + ": only the tasks that can answer none (ground, detect) take a threshold");
            }
            double v = number(node, field);
            if (!(v > 0 && v < 1)) {
                throw new PackException(FILE, field + " must be strictly between 0 and 1, got " + v);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private static Optional<DenseHeadSpec> denseHead(JsonNode root) {
        JsonNode head = root.get("dense_head");
        if (head == null || head.isNull()) {
            return Optional.empty();
        }
        JsonNode grid = object(head, "dense_head.grid");
        JsonNode layout = object(head, "dense_head.layout");
        int[] obj = range(layout, "dense_head.layout.objectness");
        int[] shape = range(layout, "dense_head.layout.shape");
        int[] colour = range(layout, "dense_head.layout.colour");
        if (obj[1] - obj[0] != 1) {
            throw new PackException(FILE, "dense_head.layout.objectness must span one channel, got " + obj[0] + ".." + obj[1]);
        }
        return Optional.of(new DenseHeadSpec(integer(grid, "dense_head.grid.rows"), integer(grid, "dense_head.grid.cols"),
            integer(head, "dense_head.channels"), obj[0], shape[0], shape[1], colour[0], colour[1],
            number(head, "dense_head.score_threshold"), number(head, "dense_head.nms_iou_per_label"),
            peakBoxIou(head), optionalUnit(head, "dense_head.publish_threshold"),
            perClass(head, "dense_head.publish_threshold_per_class")));
    }

    /** An optional number in [0, 1]: empty when absent or null. */
    private static java.util.OptionalDouble optionalUnit(JsonNode parent, String field) {
        JsonNode v = parent.get(leaf(field));
        return v == null || v.isNull() ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(unit(parent, field));
    }

    /** An optional mapping of class (the dense head's shape) to a number in [0, 1]; empty when absent. */
    private static Map<String, Double> perClass(JsonNode parent, String field) {
        JsonNode node = parent.get(leaf(field));
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new PackException(FILE, field + " must map class names to thresholds, got " + node);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.put(name, unit(node, field + "." + name));
        }
        return out;
    }

    /** Optional (packs before it behave as the plain 3x3 maximum, 0); a number in [0, 1] when present. */
    private static double peakBoxIou(JsonNode head) {
        if (!head.has("peak_box_iou")) {
            return 0.0;
        }
        double v = number(head, "dense_head.peak_box_iou");
        if (!(v >= 0 && v <= 1)) {
            throw new PackException(FILE, "dense_head.peak_box_iou must be in [0,1], got " + v);
        }
        return v;
    }

    private static PackGraph graph(JsonNode node, String field) {
        return new PackGraph(text(node, field + ".file"), tensors(node, field + ".inputs"), tensors(node, field + ".outputs"));
    }

    private static List<PackTensor> tensors(JsonNode parent, String field) {
        JsonNode arr = parent.get(leaf(field));
        if (arr == null || !arr.isArray()) {
            throw new PackException(FILE, field + " must be a list of tensors");
        }
        List<PackTensor> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode t = arr.get(i);
            String f = field + "[" + i + "]";
            String dtype = text(t, f + ".dtype");
            ElementType type = null;
            for (ElementType candidate : ElementType.values()) {
                if (candidate.toString().equals(dtype)) {
                    type = candidate;
                }
            }
            if (type == null) {
                throw new PackException(FILE, f + ".dtype '" + dtype + "' is not an ONNX element type we run");
            }
            int rank = integer(t, f + ".rank");
            List<Long> dims = new ArrayList<>();
            JsonNode shape = t.get("shape");
            if (shape != null && shape.isArray()) {
                if (shape.size() != rank) {
                    throw new PackException(FILE, f + ".shape has " + shape.size() + " dims but rank is " + rank);
                }
                shape.forEach(d -> dims.add(d.isIntegralNumber() ? d.asLong() : -1L));
            } else {
                for (int d = 0; d < rank; d++) {
                    dims.add(-1L);
                }
            }
            out.add(new PackTensor(text(t, f + ".name"), type, rank, dims));
        }
        return out;
    }

    private static String leaf(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isObject()) {
            throw new PackException(FILE, field + (n == null ? " missing" : " must be an object, got " + n));
        }
        return n;
    }

    /**
     * {@code grammar}: the answer grammar the language decoder constrains and reads, {@code paligemma-loc} (loc tokens
     * first, ARCHITECTURE.md section 4). {@code florence2-loc} (label first, 1000 bins) is named there too but has no
     * decoder yet, so a pack that asks for it is refused here rather than decoded in the wrong order.
     */
    private static String grammar(JsonNode root) {
        String grammar = text(root, "grammar");
        return switch (grammar) {
            case "paligemma-loc" -> grammar;
            case "florence2-loc" -> throw new PackException(FILE, "grammar florence2-loc is not supported yet"
                + " (the language decoder reads paligemma-loc answers only)");
            default -> throw new PackException(FILE, "grammar '" + grammar + "' is unknown; supported: paligemma-loc");
        };
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new PackException(FILE, field + (n == null ? " missing" : " must be a non-empty string, got " + n));
        }
        return n.asText();
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || !n.isTextual() ? Optional.empty() : Optional.of(n.asText());
    }

    private static int integer(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new PackException(FILE, field + (n == null ? " missing" : " must be an integer, got " + n));
        }
        return n.asInt();
    }

    private static double number(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isNumber()) {
            throw new PackException(FILE, field + (n == null ? " missing" : " must be a number, got " + n));
        }
        return n.asDouble();
    }

    private static float[] floats3(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isArray() || n.size() != 3) {
            throw new PackException(FILE, field + " must be a list of 3 numbers, got " + n);
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!n.get(i).isNumber()) {
                throw new PackException(FILE, field + "[" + i + "] must be a number, got " + n.get(i));
            }
            out[i] = (float) n.get(i).asDouble();
        }
        return out;
    }

    private static int[] range(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isIntegralNumber() || !n.get(1).isIntegralNumber()
            || n.get(1).asInt() <= n.get(0).asInt()) {
            throw new PackException(FILE, field + " must be [from, to) with to > from, got " + n);
        }
        return new int[]{n.get(0).asInt(), n.get(1).asInt()};
    }

    private static List<String> strings(JsonNode parent, String field) {
        JsonNode n = parent.get(leaf(field));
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new PackException(FILE, field + " must be a non-empty list of strings, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new PackException(FILE, field + "[" + i + "] must be a string, got " + n.get(i));
            }
            out.add(n.get(i).asText());
        }
        return out;
    }
}
