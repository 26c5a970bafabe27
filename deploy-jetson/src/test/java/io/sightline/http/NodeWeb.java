package io.sightline.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Clients nobody here wrote, installed with npm into {@code target/node-web} for tests: {@code playwright-core}
 * (driving Debian's {@code /usr/bin/chromium}) and the {@code openai} client, with this package's scripts copied next
 * to them. Empty (with {@link #reason}) where node, npm, the registry or chromium is missing.
 */
final class NodeWeb {
    static final String PLAYWRIGHT = "1.49.1";
    static final String OPENAI = "4.77.0";
    static final Path DIR = Path.of("target", "node-web");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static String reason = "";

    private NodeWeb() {
    }

    /** The install folder with the scripts, or empty with the reason. */
    static synchronized Optional<Path> install(boolean browser) {
        try {
            if (run(List.of("node", "--version")).isEmpty()) {
                reason = "node is not installed (Debian nodejs)";
                return Optional.empty();
            }
            if (browser && !Files.isExecutable(CHROMIUM)) {
                reason = "no " + CHROMIUM + " (Debian chromium)";
                return Optional.empty();
            }
            Path pw = DIR.resolve("node_modules/playwright-core/package.json");
            Path ai = DIR.resolve("node_modules/openai/package.json");
            if (!Files.exists(pw) || !Files.exists(ai)) {
                Files.createDirectories(DIR);
                Optional<String> out = run(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
                    "playwright-core@" + PLAYWRIGHT, "openai@" + OPENAI));
                if (out.isEmpty() || !Files.exists(pw) || !Files.exists(ai)) {
                    reason = "npm install of playwright-core@" + PLAYWRIGHT + " and openai@" + OPENAI
                        + " failed (no npm or no registry): " + reason;
                    return Optional.empty();
                }
            }
            for (String script : List.of("live_view_check.js", "live_view_watch.js", "chat_check.js")) {
                try (InputStream in = NodeWeb.class.getResourceAsStream(script)) {
                    Files.write(DIR.resolve(script), in.readAllBytes());
                }
            }
            return Optional.of(DIR);
        } catch (IOException e) {
            reason = "cannot set up the node clients: " + e.getMessage();
            return Optional.empty();
        }
    }

    /** A node script in {@link #DIR}, started (stdout piped, stderr to {@code log}). */
    static Process start(Path log, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("node", script));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(DIR.toFile()).redirectError(log.toFile()).start();
    }

    private static Optional<String> run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
            reason = e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
