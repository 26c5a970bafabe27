package io.sightline.cli.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
}
