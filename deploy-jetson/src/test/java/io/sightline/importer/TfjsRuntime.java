package io.sightline.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * TF.js 4.22.0 (core, converter, CPU backend) installed with npm into {@code target/tfjs-4.22.0} for tests, and
 * the script that runs a graph model there. Empty (with a reason) where node or npm or the registry is missing.
 */
final class TfjsRuntime {
    static final String VERSION = "4.22.0";
    static final Path DIR = Path.of("target", "tfjs-" + VERSION);
    static String reason = "";

    private TfjsRuntime() {
    }

    static synchronized Optional<Path> install() {
        Path marker = DIR.resolve("node_modules/@tensorflow/tfjs-backend-cpu/package.json");
        try {
            if (run(List.of("node", "--version"), Path.of(".")).isEmpty()) {
                reason = "node is not installed";
                return Optional.empty();
            }
            if (!Files.exists(marker)) {
                Files.createDirectories(DIR);
                Optional<String> out = run(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
                    "@tensorflow/tfjs-core@" + VERSION, "@tensorflow/tfjs-converter@" + VERSION,
                    "@tensorflow/tfjs-backend-cpu@" + VERSION), Path.of("."));
                if (out.isEmpty() || !Files.exists(marker)) {
                    reason = "npm install of @tensorflow/tfjs-* " + VERSION + " failed (no npm or no registry)";
                    return Optional.empty();
                }
            }
            Path script = DIR.resolve("tfjs_run.js");
            try (var in = TfjsRuntime.class.getResourceAsStream("tfjs_run.js")) {
                Files.write(script, in.readAllBytes());
            }
            return Optional.of(script);
        } catch (IOException e) {
            reason = "cannot set up TF.js: " + e.getMessage();
            return Optional.empty();
        }
    }

    /** stdout of a command that exited 0, else empty. */
    static Optional<String> run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                reason = String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.strip();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
