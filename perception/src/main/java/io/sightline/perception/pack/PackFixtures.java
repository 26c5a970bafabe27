package io.sightline.perception.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference outputs a pack ships in {@code fixtures/} (written by training's {@code export.py write_fixtures}):
 * {@code fixtures.json} lists cases (an image, a prompt, its ids) and, per case, float32 little-endian tensors the
 * PyTorch model produced, to be matched within {@link #tolerance()} (max absolute difference). Read by the parity
 * test and by {@code sightline pack verify}.
 */
public final class PackFixtures {
    /** Tolerance when fixtures.json names none (the exporter's). */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private final Path dir;
    private final JsonNode root;

    private PackFixtures(Path dir, JsonNode root) {
        this.dir = dir;
        this.root = root;
    }

    /** The pack's fixtures; empty when it ships none. */
    public static Optional<PackFixtures> of(Path pack) {
        Path dir = pack.resolve("fixtures");
        Path json = dir.resolve("fixtures.json");
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PackFixtures(dir, new ObjectMapper().readTree(json.toFile())));
        } catch (IOException e) {
            throw new PackException(json.toString(), "unreadable fixtures: " + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        return root;
    }

    public double tolerance() {
        return root.path("tolerance").asDouble(DEFAULT_TOLERANCE);
    }

    public List<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        root.path("cases").forEach(out::add);
        return out;
    }

    /** The file (under fixtures/) of tensor {@code key} of a case. */
    public Path tensorFile(JsonNode fixtureCase, String key) {
        String file = fixtureCase.path("tensors").path(key).path("file").asText();
        if (file.isEmpty()) {
            throw new PackException(dir.resolve("fixtures.json").toString(), "case " + fixtureCase.path("image").asText()
                + " has no tensor '" + key + "'");
        }
        return dir.resolve(file);
    }

    /** A case's tensor, as float32 little-endian. */
    public float[] tensor(JsonNode fixtureCase, String key) {
        Path file = tensorFile(fixtureCase, key);
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new PackException(file.toString(), "unreadable fixture tensor: " + e.getMessage(), e);
        }
    }

    /** The case's image file. */
    public Path image(JsonNode fixtureCase) {
        return dir.resolve(fixtureCase.path("image").asText());
    }

    /** The largest absolute difference; infinite when the lengths differ or a value is NaN. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, d);
        }
        return max;
    }
}
