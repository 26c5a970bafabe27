package io.sightline.perception.pack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the model pack tests run against: the system property {@code sightline.pack} when set, else the
 * repository's {@code models/tabletop-vlm}. Tests that need a pack are skipped (with the reason) when none is there.
 */
public final class TestPacks {
    private TestPacks() {
    }

    public static Path require() {
        String prop = System.getProperty("sightline.pack");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop)
            : Stream.of(Path.of("models/tabletop-vlm"), Path.of("../models/tabletop-vlm"))
                .filter(c -> Files.isRegularFile(c.resolve("manifest.json"))).findFirst().orElse(Path.of("../models/tabletop-vlm"));
        assumeTrue(Files.isRegularFile(p.resolve("manifest.json")),
            "no model pack at " + p.toAbsolutePath() + " (train one into models/tabletop-vlm or set -Dsightline.pack=DIR)");
        return p.toAbsolutePath().normalize();
    }

    /** A copy of the pack in {@code dir} (for tampering). */
    public static Path copy(Path pack, Path dir) {
        try (Stream<Path> files = Files.walk(pack)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(pack.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode fixtures(Path pack) {
        try {
            return new ObjectMapper().readTree(pack.resolve("fixtures/fixtures.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture tensor (little-endian float32 .bin) of a case. */
    public static float[] tensor(Path pack, JsonNode fixtureCase, String key) {
        return PackFixtures.of(pack).orElseThrow().tensor(fixtureCase, key);
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        return PackFixtures.maxAbsDiff(a, b);
    }
}
