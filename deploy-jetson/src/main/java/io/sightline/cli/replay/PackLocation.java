package io.sightline.cli.replay;

import io.sightline.cli.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the model pack is when {@code --pack} is not given: the distribution's
 * {@code $SIGHTLINE_HOME/models/tabletop-vlm} (the launcher sets {@code -Dsightline.home}), else
 * {@code models/tabletop-vlm} under the working directory (a source checkout).
 */
public final class PackLocation {
    static final String DEFAULT_PACK = "tabletop-vlm";

    private PackLocation() {}

    static Path resolve(Path explicit) {
        return resolve(explicit, "give --pack DIR");
    }

    /** As {@link #resolve(Path)}; {@code hint} says what the user can do when no pack is found. */
    public static Path resolve(Path explicit, String hint) {
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new UserFacingException("--pack " + explicit + ": no such folder", 2);
            }
            return explicit;
        }
        String home = System.getProperty("sightline.home");
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home, "models", DEFAULT_PACK);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path local = Path.of("models", DEFAULT_PACK);
        if (Files.isDirectory(local)) {
            return local;
        }
        throw new UserFacingException("no model pack: " + hint + " (looked in "
            + (home != null ? Path.of(home, "models", DEFAULT_PACK) + " and " : "") + local.toAbsolutePath() + ")", 2);
    }
}
