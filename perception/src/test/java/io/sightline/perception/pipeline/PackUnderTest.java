package io.sightline.perception.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The model pack that pack-dependent tests run on: {@code models/tabletop-vlm} of the checkout when it is
 * there, else {@code -Dsightline.pack=DIR}; otherwise those tests are skipped with the reason.
 */
final class PackUnderTest {
    private PackUnderTest() {}

    static Optional<Path> find() {
        for (Path p : new Path[] {Path.of("..", "models", "tabletop-vlm"), Path.of("models", "tabletop-vlm")}) {
            if (Files.isRegularFile(p.resolve("manifest.json"))) {
                return Optional.of(p);
            }
        }
        String prop = System.getProperty("sightline.pack");
        if (prop != null && !prop.isBlank() && Files.isRegularFile(Path.of(prop, "manifest.json"))) {
            return Optional.of(Path.of(prop));
        }
        return Optional.empty();
    }

    static Path require() {
        Optional<Path> p = find();
        Assumptions.assumeTrue(p.isPresent(),
            "no model pack: models/tabletop-vlm is absent and -Dsightline.pack=DIR was not given");
        return p.get();
    }
}
