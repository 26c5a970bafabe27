package io.sightline.perception.scene;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sightline.calibration.camera.CameraIntrinsics;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the JSON of scene.json and of one annotations.jsonl line into records, recording every
 * structural problem (missing field, wrong type, non-finite number, inverted box, unknown kind) in a
 * {@link JsonFields}. Returns null when anything was wrong. Semantic checks across fields (box inside
 * the image, target among the objects) belong to {@link SceneValidator}.
 */
final class SceneDecoder {
    /**
     * NaN / Infinity are accepted by the parser only so that they are reported as "must be a finite
     * number" with their field instead of as a syntax error; duplicate keys and trailing tokens are errors.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private SceneDecoder() {}

    /** A JSON syntax error with where it happened (1-based line and column inside the parsed text). */
    record SyntaxError(int line, int column, String message) {}

    /** Parses JSON text; throws {@link SyntaxErrorException} with the parser's location on bad syntax. */
    static JsonNode parse(byte[] json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new SyntaxErrorException(new SyntaxError(1, 1, "no JSON value"));
            }
            return n;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new SyntaxErrorException(new SyntaxError(line, column, e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SyntaxErrorException(new SyntaxError(0, 0, e.getMessage()));
        }
    }

    static final class SyntaxErrorException extends RuntimeException {
        private final transient SyntaxError error;

        SyntaxErrorException(SyntaxError error) {
            super(error.message());
            this.error = error;
        }

        SyntaxError error() {
            return error;
        }
    }

    static SceneInfo info(JsonNode root, JsonFields f) {
        if (!root.isObject()) {
            f.problem("", "must be a JSON object, got " + JsonFields.preview(root));
            return null;
        }
        int version = f.integer(root, "", "format_version");
        if (!f.hasProblems() && version != SceneInfo.FORMAT_VERSION) {
            f.problem("format_version", "unsupported version " + version + " (this reader knows " + SceneInfo.FORMAT_VERSION + ")");
        }
        String name = f.text(root, "", "name");
        String split = f.text(root, "", "split");
        if (split != null && !SceneLayout.SPLITS.contains(split)) {
            f.problem("split", "must be one of train, val, test, demo; got \"" + split + "\"");
        }
        double fps = f.number(root, "", "fps");
        if (fps <= 0) {
            f.problem("fps", "must be positive, got " + fps);
        }
        int frameCount = f.integer(root, "", "frame_count");
        if (frameCount < 0) {
            f.problem("frame_count", "must not be negative, got " + frameCount);
        }
        String frameFormat = f.text(root, "", "frame_format");
        if (frameFormat != null && !SceneLayout.FRAME_FORMATS.contains(frameFormat)) {
            f.problem("frame_format", "must be one of " + SceneLayout.FRAME_FORMATS + ", got \"" + frameFormat + "\"");
        }
        GeneratorInfo generator = null;
        JsonNode g = f.object(root, "", "generator", true);
        if (g != null) {
            String gName = f.text(g, "generator", "name");
            String gVersion = f.text(g, "generator", "version");
            long seed = f.longInteger(g, "generator", "seed");
            generator = new GeneratorInfo(gName, gVersion, seed);
        }
        CameraModel camera = camera(f.object(root, "", "camera", false), f);
        if (f.hasProblems()) {
            return null;
        }
        return new SceneInfo(version, name, camera, fps, frameCount, frameFormat, generator, split);
    }

    private static CameraModel camera(JsonNode c, JsonFields f) {
        if (c == null) {
            return null;
        }
        int before = f.problems().size();
        String name = f.text(c, "camera", "name");
        JsonNode in = f.object(c, "camera", "intrinsics", false);
        int width = f.integer(in, "camera.intrinsics", "width");
        int height = f.integer(in, "camera.intrinsics", "height");
        double fx = f.number(in, "camera.intrinsics", "fx");
        double fy = f.number(in, "camera.intrinsics", "fy");
        double cx = f.number(in, "camera.intrinsics", "cx");
        double cy = f.number(in, "camera.intrinsics", "cy");
        JsonNode d = f.object(c, "camera", "distortion", false);
        String model = f.text(d, "camera.distortion", "model");
        if (model != null && !Distortion.MODEL.equals(model)) {
            f.problem("camera.distortion.model", "must be \"" + Distortion.MODEL + "\", got \"" + model + "\"");
        }
        double[] k = f.numbers(d, "camera.distortion", "coefficients", 5);
        RigidTransform toBase = transform(f.object(c, "camera", "camera_to_base", false), "camera.camera_to_base", f);
        if (f.problems().size() > before) {
            return null;
        }
        CameraIntrinsics intrinsics;
        try {
            intrinsics = new CameraIntrinsics(width, height, fx, fy, cx, cy);
        } catch (IllegalArgumentException e) {
            f.problem("camera.intrinsics", e.getMessage());
            return null;
        }
        return new CameraModel(name, intrinsics, Distortion.of(k), toBase);
    }

    private static RigidTransform transform(JsonNode t, String path, JsonFields f) {
        if (t == null) {
            return null;
        }
        int before = f.problems().size();
        double[] tr = f.numbers(t, path, "translation", 3);
        double[] q = f.numbers(t, path, "rotation", 4);
        if (f.problems().size() > before) {
            return null;
        }
        try {
            return new RigidTransform(new Vec3(tr[0], tr[1], tr[2]), q[0], q[1], q[2], q[3]);
        } catch (IllegalArgumentException e) {
            f.problem(JsonFields.path(path, "rotation"), e.getMessage());
            return null;
        }
    }

    static FrameAnnotation frame(JsonNode root, JsonFields f) {
        if (!root.isObject()) {
            f.problem("", "must be a JSON object, got " + JsonFields.preview(root));
            return null;
        }
        int index = f.integer(root, "", "index");
        String file = f.text(root, "", "file");
        long timestamp = f.longInteger(root, "", "timestamp_ns");
        RigidTransform pose = transform(f.object(root, "", "robot_pose", true), "robot_pose", f);
        List<ObjectAnnotation> objects = new ArrayList<>();
        JsonNode objs = f.array(root, "", "objects");
        if (objs != null) {
            for (int i = 0; i < objs.size(); i++) {
                ObjectAnnotation o = object(objs.get(i), JsonFields.path("objects", i), f);
                if (o != null) {
                    objects.add(o);
                }
            }
        }
        List<ExpressionAnnotation> expressions = new ArrayList<>();
        JsonNode exprs = f.array(root, "", "expressions");
        if (exprs != null) {
            for (int i = 0; i < exprs.size(); i++) {
                ExpressionAnnotation e = expression(exprs.get(i), JsonFields.path("expressions", i), f);
                if (e != null) {
                    expressions.add(e);
                }
            }
        }
        if (f.hasProblems()) {
            return null;
        }
        return new FrameAnnotation(index, file, timestamp, pose, objects, expressions);
    }

    private static ObjectAnnotation object(JsonNode o, String path, JsonFields f) {
        if (!o.isObject()) {
            f.problem(path, "must be an object, got " + JsonFields.preview(o));
            return null;
        }
        int before = f.problems().size();
        int id = f.integer(o, path, "id");
        String shape = f.text(o, path, "shape");
        String colour = f.text(o, path, "colour");
        double[] b = f.numbers(o, path, "box", 4);
        if (b[2] < b[0] || b[3] < b[1]) {
            f.problem(JsonFields.path(path, "box"), "inverted: [x_min, y_min, x_max, y_max] = ["
                + b[0] + ", " + b[1] + ", " + b[2] + ", " + b[3] + "]");
        }
        double[] p = f.numbers(o, path, "position", 3);
        double yaw = f.number(o, path, "yaw");
        double[] s = f.numbers(o, path, "size", 3);
        double visibility = f.number(o, path, "visibility");
        boolean truncated = f.bool(o, path, "truncated");
        if (f.problems().size() > before) {
            return null;
        }
        return new ObjectAnnotation(id, shape, colour, new Box2D(b[0], b[1], b[2], b[3]),
            new Vec3(p[0], p[1], p[2]), yaw, new Vec3(s[0], s[1], s[2]), visibility, truncated);
    }

    private static ExpressionAnnotation expression(JsonNode e, String path, JsonFields f) {
        if (!e.isObject()) {
            f.problem(path, "must be an object, got " + JsonFields.preview(e));
            return null;
        }
        int before = f.problems().size();
        String text = f.text(e, path, "text");
        String kindText = f.text(e, path, "kind");
        ExpressionKind kind = null;
        if (kindText != null) {
            kind = kind(kindText);
            if (kind == null) {
                f.problem(JsonFields.path(path, "kind"), "unknown kind \"" + kindText + "\"; expected one of "
                    + java.util.Arrays.stream(ExpressionKind.values()).map(SceneEncoder::kindName).toList());
            }
        }
        Integer target = f.nullableInteger(e, path, "target_id");
        boolean heldOut = f.bool(e, path, "held_out");
        if (f.problems().size() > before) {
            return null;
        }
        return new ExpressionAnnotation(text, kind, target, heldOut);
    }

    private static ExpressionKind kind(String s) {
        for (ExpressionKind k : ExpressionKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(s)) {
                return k;
            }
        }
        return null;
    }
}
