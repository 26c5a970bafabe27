package io.sightline.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The checkout's shipped model pack for tests that run the model; they skip without one. */
public final class ShippedPack {
    private ShippedPack() {
    }

    /** models/tabletop-vlm of the checkout, else -Dsightline.pack. */
    public static Optional<Path> find() {
        Path checkout = Path.of("..", "models", "tabletop-vlm");
        if (Files.isRegularFile(checkout.resolve("manifest.json"))) {
            return Optional.of(checkout);
        }
        String prop = System.getProperty("sightline.pack");
        return prop != null && Files.isRegularFile(Path.of(prop, "manifest.json")) ? Optional.of(Path.of(prop)) : Optional.empty();
    }

    /** A copy of {@code pack} under {@code dir}, so a test that writes into a pack never touches the checkout. */
    public static Path copy(Path pack, Path dir) {
        try (Stream<Path> walk = Files.walk(pack)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = dir.resolve(pack.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + pack + " to " + dir, e);
        }
    }
}
