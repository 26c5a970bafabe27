package io.sightline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DecodeBenchCommandTest {
    @TempDir
    Path tmp;

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** An H.264 clip made by Debian's ffmpeg: both decoders see its 24 frames; the baseline and the ratios are printed. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void timesTheServicesDecodingAgainstTheFfmpegCommandLineOnTheSameFile() throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (Debian: apt-get install ffmpeg)");
        Path mp4 = tmp.resolve("clip.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
            "testsrc=size=320x240:rate=12", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", mp4.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("ffmpeg made %s", mp4).isTrue();
        CliRun r = CliRun.of("bench", "decode", "--file", mp4.toString(), "--rounds", "1", "--no-rtsp");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(baseline, 24 frames)").contains("FfmpegSource").contains("(24 frames)")
            .containsPattern("ratio service/ffmpeg +[0-9.]+x wall +[0-9.]+x CPU").doesNotContain("note:");
    }

    @Test
    void aMissingFileIsNamed() {
        CliRun r = CliRun.of("bench", "decode", "--file", tmp.resolve("none.mp4").toString(), "--no-rtsp");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("none.mp4");
    }
}
