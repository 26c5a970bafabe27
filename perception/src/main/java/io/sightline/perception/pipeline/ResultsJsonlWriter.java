package io.sightline.perception.pipeline;

import io.sightline.perception.relations.SpatialRelation;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.scene.Box2D;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one JSON line per {@link PerceptionResult}, in the format of {@code docs/results-format.md}.
 * Numbers are rounded to fixed decimals so that equal results give equal bytes; {@code timings} false leaves
 * out {@code timings_ms} (the only wall-clock field), which makes replay files byte-comparable.
 */
public final class ResultsJsonlWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final OutputStream out;
    private final boolean timings;
    private long written;

    private ResultsJsonlWriter(Path file, OutputStream out, boolean timings) {
        this.file = file;
        this.out = out;
        this.timings = timings;
    }

    public static ResultsJsonlWriter create(Path file, boolean timings) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new ResultsJsonlWriter(file, new BufferedOutputStream(Files.newOutputStream(file)), timings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + file, e);
        }
    }

    /** A writer onto a stream the caller owns (closing the writer flushes but also closes it). */
    public static ResultsJsonlWriter onto(OutputStream stream, boolean timings) {
        return new ResultsJsonlWriter(null, stream, timings);
    }

    public void write(PerceptionResult r) {
        try {
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeResult(g, r);
            g.close();
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + (file == null ? "stream" : file), e);
        }
    }

    public long written() {
        return written;
    }

    private void writeResult(JsonGenerator g, PerceptionResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("scene", r.source());
        g.writeNumberField("frame", r.frameIndex());
        g.writeNumberField("seq", r.seq());
        g.writeNumberField("width", r.width());
        g.writeNumberField("height", r.height());
        g.writeArrayFieldStart("detections");
        for (ObjectResult o : r.objects()) {
            Detection d = o.detection();
            g.writeStartObject();
            g.writeStringField("shape", d.shape());
            g.writeStringField("colour", d.colour());
            g.writeStringField("label", d.label());
            g.writeFieldName("score");
            g.writeNumber(round(d.score(), 4));
            g.writeFieldName("box");
            box(g, d.box());
            if (o.trackId().isPresent()) {
                g.writeNumberField("track_id", o.trackId().getAsLong());
                if (o.trackState().isPresent()) {
                    g.writeStringField("track_state", o.trackState().get().name());
                }
            }
            if (o.position().isPresent()) {
                g.writeFieldName("position");
                vec(g, o.position().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("relations");
        for (SpatialRelation rel : r.relations()) {
            g.writeStartObject();
            g.writeNumberField("subject", rel.subjectId());
            g.writeStringField("predicate", rel.predicate().name());
            g.writeNumberField("object", rel.objectId());
            g.writeFieldName("distance_m");
            g.writeNumber(round(rel.distanceM(), 3));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("description", r.description());
        if (!r.groundings().isEmpty()) {
            g.writeArrayFieldStart("groundings");
            for (GroundingAnswer a : r.groundings()) {
                g.writeStartObject();
                g.writeStringField("expression", a.expression());
                g.writeStringField("status", a.status());
                if (a.box().isPresent()) {
                    g.writeFieldName("box");
                    box(g, a.box().get());
                }
                if (a.trackId().isPresent()) {
                    g.writeNumberField("track_id", a.trackId().getAsLong());
                }
                if (!a.modelText().isEmpty()) {
                    g.writeStringField("answer", a.modelText());
                }
                if (!a.reason().isEmpty()) {
                    g.writeStringField("reason", a.reason());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("skipped_before", r.skippedBefore());
        if (timings) {
            StageTimings t = r.timings();
            g.writeObjectFieldStart("timings_ms");
            ms(g, "capture", t.captureNanos());
            ms(g, "preprocess", t.preprocessNanos());
            ms(g, "encode", t.encodeNanos());
            ms(g, "detect", t.detectNanos());
            ms(g, "decode", t.decodeNanos());
            ms(g, "post", t.postNanos());
            ms(g, "total", t.totalNanos());
            ms(g, "age", r.ageNanos());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void ms(JsonGenerator g, String name, long nanos) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(round(nanos / 1e6, 3));
    }

    private static void box(JsonGenerator g, Box2D b) throws IOException {
        g.writeStartArray();
        g.writeNumber(round(b.xMin(), 2));
        g.writeNumber(round(b.yMin(), 2));
        g.writeNumber(round(b.xMax(), 2));
        g.writeNumber(round(b.yMax(), 2));
        g.writeEndArray();
    }

    private static void vec(JsonGenerator g, Vec3 v) throws IOException {
        g.writeStartArray();
        g.writeNumber(round(v.x(), 3));
        g.writeNumber(round(v.y(), 3));
        g.writeNumber(round(v.z(), 3));
        g.writeEndArray();
    }

    /** Half-up decimal rounding with trailing zeros stripped ("0.5", not "0.5000"); -0 prints as 0. */
    static BigDecimal round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write a non-finite number to results: " + v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // stripTrailingZeros turns 100 into 1E+2; JSON readers accept it, people and diff tools less so.
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close results " + (file == null ? "stream" : file), e);
        }
    }
}
