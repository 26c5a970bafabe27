package io.sightline.perception.scene;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Distortion;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Writes scene.json and annotations.jsonl lines byte-for-byte deterministically: keys in a fixed order,
 * every number rounded to a fixed number of decimals with {@link BigDecimal} (exact, no platform
 * dependent double printing) and written in plain notation, "\n" line ends, UTF-8.
 */
final class SceneEncoder {
    /** Decimals per quantity: 0.01 px boxes, 0.1 mm object geometry, 1 um camera mounting. */
    static final int PIXEL_DECIMALS = 2;
    static final int METRE_DECIMALS = 4;
    static final int CAMERA_METRE_DECIMALS = 6;
    static final int INTRINSICS_DECIMALS = 6;
    static final int DISTORTION_DECIMALS = 9;
    static final int QUATERNION_DECIMALS = 9;
    static final int ANGLE_DECIMALS = 6;
    static final int FRACTION_DECIMALS = 4;
    static final int FPS_DECIMALS = 6;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SceneEncoder() {}

    static byte[] sceneJson(SceneInfo info) {
        return write(true, g -> {
            g.writeStartObject();
            g.writeNumberField("format_version", info.formatVersion());
            g.writeStringField("name", info.name());
            g.writeStringField("split", info.split());
            number(g, "fps", info.fps(), FPS_DECIMALS);
            g.writeNumberField("frame_count", info.frameCount());
            g.writeStringField("frame_format", info.frameFormat());
            g.writeFieldName("generator");
            if (info.generator() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringField("name", info.generator().name());
                g.writeStringField("version", info.generator().version());
                g.writeNumberField("seed", info.generator().seed());
                g.writeEndObject();
            }
            g.writeFieldName("camera");
            camera(g, info.camera());
            g.writeEndObject();
        });
    }

    /** One annotations.jsonl line, including its terminating "\n". */
    static byte[] annotationLine(FrameAnnotation f) {
        return write(false, g -> {
            g.writeStartObject();
            g.writeNumberField("index", f.index());
            g.writeStringField("file", f.file());
            g.writeNumberField("timestamp_ns", f.timestampNs());
            g.writeFieldName("robot_pose");
            transform(g, f.robotPose(), METRE_DECIMALS, "robot_pose of frame " + f.index());
            g.writeArrayFieldStart("objects");
            for (ObjectAnnotation o : f.objects()) {
                String where = "object " + o.id() + " of frame " + f.index();
                g.writeStartObject();
                g.writeNumberField("id", o.id());
                g.writeStringField("shape", o.shape());
                g.writeStringField("colour", o.colour());
                Box2D b = o.box();
                numbers(g, "box", new double[] {b.xMin(), b.yMin(), b.xMax(), b.yMax()}, PIXEL_DECIMALS, where);
                vec(g, "position", o.position(), METRE_DECIMALS, where);
                number(g, "yaw", o.yaw(), ANGLE_DECIMALS, where);
                vec(g, "size", o.size(), METRE_DECIMALS, where);
                number(g, "visibility", o.visibility(), FRACTION_DECIMALS, where);
                g.writeBooleanField("truncated", o.truncated());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("expressions");
            for (ExpressionAnnotation e : f.expressions()) {
                g.writeStartObject();
                g.writeStringField("text", e.text());
                g.writeStringField("kind", kindName(e.kind()));
                g.writeFieldName("target_id");
                if (e.targetId() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(e.targetId());
                }
                g.writeBooleanField("held_out", e.heldOut());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static String kindName(ExpressionKind kind) {
        return kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
    }

    private static void camera(JsonGenerator g, CameraModel c) throws IOException {
        String where = "camera " + c.name();
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeObjectFieldStart("intrinsics");
        g.writeNumberField("width", c.intrinsics().width());
        g.writeNumberField("height", c.intrinsics().height());
        number(g, "fx", c.intrinsics().fx(), INTRINSICS_DECIMALS, where);
        number(g, "fy", c.intrinsics().fy(), INTRINSICS_DECIMALS, where);
        number(g, "cx", c.intrinsics().cx(), INTRINSICS_DECIMALS, where);
        number(g, "cy", c.intrinsics().cy(), INTRINSICS_DECIMALS, where);
        g.writeEndObject();
        g.writeObjectFieldStart("distortion");
        g.writeStringField("model", Distortion.MODEL);
        numbers(g, "coefficients", c.distortion().coefficients(), DISTORTION_DECIMALS, where);
        g.writeEndObject();
        g.writeFieldName("camera_to_base");
        transform(g, c.cameraToBase(), CAMERA_METRE_DECIMALS, where);
        g.writeEndObject();
    }

    private static void transform(JsonGenerator g, RigidTransform t, int metreDecimals, String where) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        vec(g, "translation", t.translation(), metreDecimals, where);
        numbers(g, "rotation", new double[] {t.qx(), t.qy(), t.qz(), t.qw()}, QUATERNION_DECIMALS, where);
        g.writeEndObject();
    }

    private static void vec(JsonGenerator g, String name, Vec3 v, int decimals, String where) throws IOException {
        if (v == null) {
            throw new IllegalArgumentException(where + ": " + name + " must not be null");
        }
        numbers(g, name, new double[] {v.x(), v.y(), v.z()}, decimals, where);
    }

    private static void numbers(JsonGenerator g, String name, double[] values, int decimals, String where) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            g.writeNumber(plain(v, decimals, where + ": " + name));
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double v, int decimals) throws IOException {
        number(g, name, v, decimals, "scene");
    }

    private static void number(JsonGenerator g, String name, double v, int decimals, String where) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(plain(v, decimals, where + ": " + name));
    }

    /** {@code v} rounded half-even to {@code decimals}, trailing zeros stripped, never exponent notation. */
    static String plain(double v, int decimals, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
        BigDecimal d = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** Value after the encoder's rounding, for callers that must compare with what is on disk. */
    static double rounded(double v, int decimals) {
        return Double.parseDouble(plain(v, decimals, "value"));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(boolean pretty, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pretty ? 1024 : 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                // Fixed "\n" (the default indenter uses the platform line separator) and no space before ':'.
                g.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
