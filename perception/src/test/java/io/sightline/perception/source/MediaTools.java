package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's ffmpeg and GStreamer tools for tests with real media: skipped with the reason where they are missing. */
final class MediaTools {
    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    private MediaTools() {
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void requireTool(String tool, String debianPackage) {
        assumeTrue(onPath(tool), tool + " is not installed (Debian: apt-get install " + debianPackage + ")");
    }

    /** Runs {@code ffmpeg -y -loglevel error ARGS}; 30 s at most. */
    static void ffmpeg(String... args) throws IOException, InterruptedException {
        requireTool("ffmpeg", "ffmpeg");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(done).as("ffmpeg finished").isTrue();
        assertThat(p.exitValue()).as("ffmpeg %s: %s", cmd, out).isZero();
    }

    /** A synthetic clip of {@code seconds} at {@code fps} 320x240 through {@code codecArgs} (e.g. "-c:v", "libx264"). */
    static Path clip(Path file, int fps, double seconds, String... codecArgs) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=" + fps, "-t", String.valueOf(seconds)));
        a.addAll(List.of(codecArgs));
        a.add(file.toString());
        ffmpeg(a.toArray(String[]::new));
        return file;
    }
}
